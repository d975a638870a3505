using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Community;

namespace Vigil.Web.Pages.Programs;

/// <summary>A program's public page: how to report, and its responsiveness over the last 90 days (counts only).</summary>
public sealed class ShowModel(GetProgramMetrics metrics) : PageModel
{
    public ProgramMetrics Metrics { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken) =>
        Metrics = await metrics.ExecuteAsync(slug, cancellationToken);
}
