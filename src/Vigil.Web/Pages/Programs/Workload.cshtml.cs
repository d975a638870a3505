using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Programs;
using Vigil.Web.Operations;

namespace Vigil.Web.Pages.Programs;

/// <summary>Where the program's team stands, for its administrators. Anyone else: 404.</summary>
public sealed class WorkloadModel(GetProgramWorkload workload) : UseCasePageModel
{
    public string Slug { get; private set; } = "";
    public ProgramWorkload? Workload { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Slug = slug;
        Workload = await FindAsync(() => workload.ExecuteAsync(slug, ApiActor.From(HttpContext), cancellationToken));
        return Page();
    }
}
