using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Errors;
using Vigil.Core.Profiles;

namespace Vigil.Web.Pages.Reporters;

/// <summary>A reporter's public profile (docs/community.md); an unknown handle is 404.</summary>
public sealed class ShowModel(GetReporterProfile profiles) : PageModel
{
    public ReporterProfile Profile { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string handle, CancellationToken cancellationToken)
    {
        try
        {
            Profile = await profiles.ExecuteAsync(handle, Api.ApiActor.From(HttpContext), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }
}
