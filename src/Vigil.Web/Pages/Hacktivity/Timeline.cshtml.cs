using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Hacktivity;

namespace Vigil.Web.Pages.Hacktivity;

/// <summary>The public timeline of one disclosed report: its milestones and dates only.</summary>
public sealed class TimelineModel(GetPublicTimeline get) : PageModel
{
    public PublicTimeline Timeline { get; private set; } = null!;

    public async Task OnGetAsync(string slug, string advisoryId, CancellationToken cancellationToken) =>
        Timeline = await get.ExecuteAsync(slug, advisoryId, cancellationToken);
}
