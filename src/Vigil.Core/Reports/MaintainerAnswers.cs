using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Reports;

/// <param name="NotifiedAt">The report's first move to "maintainers notified".</param>
/// <param name="AnsweredAt">The maintainers' first answer after that, or null: none yet.</param>
public sealed record MaintainerAnswer(long ReportId, DateTimeOffset NotifiedAt, DateTimeOffset? AnsweredAt);

/// <summary>
/// When a report's maintainers were notified and when they first answered (docs/disclosure.md, unresponsive
/// maintainers), one rule for the clock's reminders and for the public figures. Notified: the report's first move to
/// "maintainers notified". Answered: the first of these at or after that instant: any entry on the timeline by a
/// maintainer (an account that takes part in the report as an invited maintainer, or that accepted an invitation to
/// it) — a comment, the acceptance itself, a state move, a disclosure date, credits — or the report's move to "fix in
/// progress" or "fixed", whoever recorded it (a fix under way means the maintainers answered, in Vigil or not).
/// </summary>
public static class MaintainerAnswers
{
    private static readonly ReportState[] Fixing = [ReportState.FixInProgress, ReportState.Fixed];

    /// <summary>The reports of <paramref name="reportIds"/> whose maintainers were notified, by id.</summary>
    public static async Task<IReadOnlyDictionary<long, MaintainerAnswer>> ForAsync(
        VigilDbContext db, IReadOnlyCollection<long> reportIds, CancellationToken cancellationToken)
    {
        if (reportIds.Count == 0)
        {
            return new Dictionary<long, MaintainerAnswer>();
        }
        var ids = reportIds.Distinct().ToList();
        var maintainers = (await db.ReportParticipants.AsNoTracking()
                .Where(p => ids.Contains(p.ReportId) && p.UserId != null)
                .Select(p => new { p.ReportId, p.UserId })
                .ToListAsync(cancellationToken))
            .Select(p => (p.ReportId, p.UserId!.Value))
            .ToHashSet();
        var accounts = maintainers.Select(m => (Guid?)m.Item2).Distinct().ToList();
        var events = (await db.ReportEvents.AsNoTracking()
                // Every entry the rule below may look at (a few moves per report); the rule itself is stated once,
                // below.
                .Where(e => ids.Contains(e.ReportId)
                    && (e.Kind == ReportEventKind.StateChanged || e.Kind == ReportEventKind.InvitationAccepted
                        || (e.ActorKind == ActorKind.User && accounts.Contains(e.ActorUserId))))
                .Select(e => new { e.ReportId, e.At, e.Kind, e.ToState, e.ActorKind, e.ActorUserId })
                .ToListAsync(cancellationToken))
            .OrderBy(e => e.At)
            .GroupBy(e => e.ReportId);
        var answers = new Dictionary<long, MaintainerAnswer>();
        foreach (var report in events)
        {
            var notified = report.FirstOrDefault(
                e => e.Kind == ReportEventKind.StateChanged && e.ToState == ReportState.MaintainersNotified);
            if (notified is null)
            {
                continue;
            }
            var answer = report.FirstOrDefault(e => e.At >= notified.At
                && (e.Kind == ReportEventKind.InvitationAccepted
                    || (e.Kind == ReportEventKind.StateChanged && e.ToState is { } to && Fixing.Contains(to))
                    || (e.ActorKind == ActorKind.User && e.ActorUserId is { } user
                        && maintainers.Contains((report.Key, user)))));
            answers[report.Key] = new MaintainerAnswer(report.Key, notified.At, answer?.At);
        }
        return answers;
    }
}
