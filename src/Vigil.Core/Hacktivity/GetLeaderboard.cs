using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Hacktivity;

/// <param name="Handle">The reporter's public profile (<c>/reporters/{handle}</c>), when they chose one.</param>
public sealed record LeaderboardEntry(
    int Rank, string Name, int Reports, IReadOnlyList<PublicAmount> Bounties, string? Handle = null);

/// <param name="UnnamedReports">Published reports in the period whose reporter is anonymous or declined credit:
/// counted, never named.</param>
public sealed record Leaderboard(
    string Program, string Period, DateTimeOffset? Since, IReadOnlyList<LeaderboardEntry> Entries, int UnnamedReports);

/// <summary>
/// Reporters of a program ranked by published reports in a period (90d, year = the last 365 days, all), then by
/// their public bounty totals. A reporter appears by name only for reports that publish their finder credit and
/// come from an account; bounty totals count only bounties every recipient agreed to show.
/// </summary>
public sealed class GetLeaderboard(VigilDbContext db, TimeProvider time)
{
    public static readonly string[] Periods = ["90d", "year", "all"];

    public async Task<Leaderboard> ExecuteAsync(
        string slug, string? period, CancellationToken cancellationToken = default)
    {
        period = string.IsNullOrEmpty(period) ? "90d" : period;
        DateTimeOffset? since = period switch
        {
            "90d" => time.GetUtcNow().AddDays(-90),
            "year" => time.GetUtcNow().AddDays(-365),
            "all" => null,
            _ => throw new ValidationFailedException($"period: '{period}' is not a period.",
                new Dictionary<string, string[]>
                {
                    ["period"] = [$"'{period}' is not a period ({string.Join(", ", Periods)})."],
                }),
        };
        var programId = await PublishedReports.ProgramIdAsync(db, slug, cancellationToken);
        var query = PublishedReports.Query(db, programId);
        if (since is { } from)
        {
            query = query.Where(r => r.PublishedAt >= from);
        }
        var rows = await query.ToListAsync(cancellationToken);
        var bounties = await PublicBounty.ForReportsAsync(db, rows.Select(r => r.ReportId).ToList(), cancellationToken);
        var named = rows
            .Select(r => (Row: r, Finder: PublishedReports.Credits(r.Document).FirstOrDefault(
                c => c.Type == "FINDER")?.Name))
            // An anonymous finder credit is counted, never named.
            .Where(x => x.Row.ReporterUserId is not null && x.Finder is not null
                && x.Finder != Reports.ReportCredit.AnonymousName)
            .ToList();
        var entries = named
            .GroupBy(x => x.Row.ReporterUserId!.Value)
            .Select(g => new
            {
                User = g.Key,
                Name = g.OrderByDescending(x => x.Row.PublishedAt).First().Finder!,
                Reports = g.Count(),
                Bounties = g.Select(x => bounties.GetValueOrDefault(x.Row.ReportId))
                    .OfType<PublicBounty.Shown>()
                    .Where(b => b.FinderAmount > 0)
                    .GroupBy(b => b.Total.Currency)
                    .Select(c => new PublicAmount(c.Sum(b => b.FinderAmount), c.Key))
                    .OrderBy(a => a.Currency, StringComparer.Ordinal)
                    .ToList(),
            })
            .OrderByDescending(e => e.Reports)
            .ThenByDescending(e => e.Bounties.Sum(b => b.Amount))
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        var users = entries.Select(e => e.User).ToList();
        var handles = await db.Users.AsNoTracking().Where(u => users.Contains(u.Id) && u.ProfileHandle != null)
            .ToDictionaryAsync(u => u.Id, u => u.ProfileHandle!, cancellationToken);
        var ranked = entries.Select((e, i) => new LeaderboardEntry(
            i + 1, e.Name, e.Reports, e.Bounties, handles.GetValueOrDefault(e.User))).ToList();
        return new Leaderboard(slug, period, since, ranked, rows.Count - named.Count);
    }
}
