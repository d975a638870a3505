using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Profiles;
using Vigil.Web.Operations;

namespace Vigil.Web.Pages.Reporters;

/// <summary>A reporter's public profile (docs/community.md); an unknown handle is 404.</summary>
public sealed class ShowModel(GetReporterProfile profiles) : UseCasePageModel
{
    public ReporterProfile Profile { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string handle, CancellationToken cancellationToken)
    {
        if (await FindAsync(() => profiles.ExecuteAsync(handle, ApiActor.From(HttpContext), cancellationToken))
            is not { } profile)
        {
            return NotFound();
        }
        Profile = profile;
        return Page();
    }
}
