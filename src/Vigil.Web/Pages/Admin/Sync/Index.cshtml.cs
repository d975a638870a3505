using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vigil.Core.Sync;
using Vigil.Web.Operations;

namespace Vigil.Web.Pages.Admin.Sync;

/// <summary>
/// The mirrored sources' status (docs/sync.md): for instance administrators signed in with two factors;
/// anyone else: 404.
/// </summary>
[Authorize]
public sealed class IndexModel(GetSyncOverview overview, IOptions<SyncScheduleOptions> schedule) : UseCasePageModel
{
    public SyncOverview? Overview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Overview = await FindAsync(
            () => overview.ExecuteAsync(ApiActor.From(HttpContext), schedule.Value, cancellationToken));
        return Page();
    }
}
