using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Reputation;

/// <summary>How many of a reporter's reports ended in one outcome, and the points they brought.</summary>
public sealed record OutcomeCount(string Outcome, int Reports, int Points);

/// <summary>
/// A reporter's standing: <see cref="Points"/> in total, <see cref="Signal"/> = points per report with an
/// outcome, <see cref="Impact"/> = points per report that was awarded a bounty (null without one).
/// <see cref="PendingReports"/> are accepted reports still under embargo: they count only where the view
/// includes them (the reporter's own view and the program's minimum-signal check, never the public profile,
/// where this is 0).
/// </summary>
public sealed record ReputationSummary(
    int Points, int Reports, double? Signal, double? Impact, int PendingReports, IReadOnlyList<OutcomeCount> Outcomes)
{
    public static readonly ReputationSummary Empty = new(0, 0, null, null, 0, []);
}

/// <summary>
/// Which of a reporter's reports were awarded a bounty (for <see cref="ReputationSummary.Impact"/>); the bounty
/// feature provides it.
/// </summary>
public interface IBountyAwardedReports
{
    Task<IReadOnlySet<long>> AwardedReportIdsAsync(Guid reporter, CancellationToken cancellationToken);
}

/// <summary>Computes a reporter's reputation from the outcomes of the reports they made
/// (<see cref="ReputationRules"/>).</summary>
public sealed class ReporterReputation(VigilDbContext db, IBountyAwardedReports bounties)
{
    /// <param name="includePending">Count accepted reports still under embargo (never in a public view: their existence
    /// is private).</param>
    public async Task<ReputationSummary> ComputeAsync(
        Guid reporter, bool includePending, CancellationToken cancellationToken = default)
    {
        var reports = await db.Reports.AsNoTracking()
            .Where(r => r.ReporterUserId == reporter)
            .Select(r => new { r.Id, r.State, r.RejectionReason })
            .ToListAsync(cancellationToken);
        var rated = reports
            .Select(r => (r.Id, Rule: ReputationRules.For(r.State, r.RejectionReason)))
            .Where(r => r.Rule is not null && (includePending || r.Rule.Final))
            .Select(r => (r.Id, Rule: r.Rule!))
            .ToList();
        // A public view does not even count them (rated holds none then): an accepted report's existence is private
        // until publication.
        var pending = rated.Count(r => !r.Rule.Final);
        if (rated.Count == 0)
        {
            return ReputationSummary.Empty with { PendingReports = pending };
        }
        var points = rated.Sum(r => r.Rule.Points);
        var awarded = await bounties.AwardedReportIdsAsync(reporter, cancellationToken);
        var withBounty = rated.Where(r => awarded.Contains(r.Id)).ToList();
        double? impact = withBounty.Count == 0
            ? null
            : Math.Round((double)withBounty.Sum(r => r.Rule.Points) / withBounty.Count, 2);
        var outcomes = ReputationRules.Table
            .Select(
                rule => new OutcomeCount(
                    rule.Outcome, rated.Count(r => r.Rule == rule),
                    rated.Where(r => r.Rule == rule).Sum(r => r.Rule.Points)))
            .Where(o => o.Reports > 0)
            .ToList();
        return new ReputationSummary(
            points, rated.Count, Math.Round((double)points / rated.Count, 2), impact, pending, outcomes);
    }
}
