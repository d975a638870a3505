using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Operations;

namespace Vigil.Web.Pages.Programs;

/// <summary>The team's queue: the program's open reports, most urgent deadline first. Anyone else: 404.</summary>
public sealed class QueueModel(ListTriageQueue queue, GetProgramWorkload workload) : UseCasePageModel
{
    public string Slug { get; private set; } = "";
    public IReadOnlyList<QueueItem>? Items { get; private set; }

    /// <summary>Whether the viewer administers the program (and so may open its workload).</summary>
    public bool ShowWorkload { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Slug = slug;
        Items = await FindAsync(() => queue.ExecuteAsync(slug, ApiActor.From(HttpContext), cancellationToken));
        ShowWorkload = Items is not null
            && await workload.CanSeeAsync(slug, ApiActor.From(HttpContext), cancellationToken);
        return Page();
    }
}
