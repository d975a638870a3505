using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Bounties;
using Vigil.Web.Operations;

namespace Vigil.Web.Pages.Bounties;

/// <summary>The signed-in account's own bounties, on every report.</summary>
[Authorize]
public sealed class MineModel(ListMyBounties list) : PageModel
{
    public IReadOnlyList<MyBounty> Bounties { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Bounties = await list.ExecuteAsync(ApiActor.From(HttpContext), cancellationToken);
}
