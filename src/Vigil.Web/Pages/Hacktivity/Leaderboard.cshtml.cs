using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Hacktivity;

namespace Vigil.Web.Pages.Hacktivity;

/// <summary>The program's reporters ranked by published reports in a period (90d, year, all).</summary>
public sealed class LeaderboardModel(GetLeaderboard get) : PageModel
{
    public Leaderboard Board { get; private set; } = null!;

    public async Task OnGetAsync(string slug, string? period, CancellationToken cancellationToken) =>
        Board = await get.ExecuteAsync(slug, period, cancellationToken);
}
