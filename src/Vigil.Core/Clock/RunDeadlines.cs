using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vigil.Core.Data;
using Vigil.Core.Notifications;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Core.Clock;

/// <summary>What one pass of the clock did.</summary>
public sealed record DeadlinePass(IReadOnlyList<(long ReportId, DeadlineAction Action)> Taken, int Lost, int Failed);

/// <summary>
/// One pass of the process clock at the current instant (docs/disclosure.md, deadlines): reminders before the triage
/// and publication deadlines (the program's reminder hours), an escalation when triage is overdue, publication at the
/// agreed disclosure date of a fixed report, and at the publication deadline either publication (the range open-ended
/// when no fix exists) or, if the program so chooses, a flag for the team. Maintainers who have not answered a report
/// (<see cref="MaintainerAnswers"/>) are reminded on the program's business days after they were notified, then the
/// program's admins hear that they are unresponsive. Each action is claimed by a unique row
/// (<see cref="DeadlineActionEntity"/>) in the transaction that takes it, so it happens exactly once however many
/// instances run the clock.
/// </summary>
public sealed class RunDeadlines(
    VigilDbContext db, TimeProvider time, ILogger<RunDeadlines> logger, IReportNotifier notifier,
    ExtensionVotes.CloseExtensionVotes closeVotes, PublishReport publish)
{
    public async Task<DeadlinePass> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        // Votes first: an extension approved at its close moves the deadline this pass would act on.
        await closeVotes.ExecuteAsync(cancellationToken);
        var now = time.GetUtcNow();
        var programs = await db.Programs.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        var open = new[]
        {
            ReportState.New,
            ReportState.Accepted,
            ReportState.MaintainersNotified,
            ReportState.FixInProgress,
            ReportState.Fixed,
        };
        var reports = await db.Reports.AsNoTracking()
            .Where(r => open.Contains(r.State))
            .Select(r => new { r.Id, r.ProgramId, r.State, r.TriageDueAt, r.PublicationDueAt, r.DisclosureAt })
            .ToListAsync(cancellationToken);

        var waiting = await MaintainerAnswers.ForAsync(
            db, reports.Where(r => r.State == ReportState.MaintainersNotified).Select(r => r.Id).ToList(),
            cancellationToken);

        var taken = new List<(long, DeadlineAction)>();
        int lost = 0, failed = 0;
        foreach (var report in reports.OrderBy(r => r.Id))
        {
            var program = programs[report.ProgramId];
            var due = Due(program, report.State, report.TriageDueAt, report.PublicationDueAt, report.DisclosureAt, now);
            if (waiting.TryGetValue(report.Id, out var answer) && answer.AnsweredAt is null)
            {
                due = MaintainerDue(program, answer.NotifiedAt, now).Concat(due);
            }
            foreach (var (action, dueAt) in due)
            {
                switch (await TakeAsync(report.Id, action, dueAt, now, cancellationToken))
                {
                    case true: taken.Add((report.Id, action)); break;
                    case false: lost++; break;
                    default: failed++; break;
                }
            }
        }
        return new DeadlinePass(taken, lost, failed);
    }

    /// <summary>The actions due now for one report; at most one per deadline (the latest reminder threshold passed, or
    /// the deadline itself).</summary>
    internal static IEnumerable<(DeadlineAction, DateTimeOffset)> Due(
        ProgramEntity program, ReportState state, DateTimeOffset triageDue, DateTimeOffset? publicationDue,
        DateTimeOffset? disclosureAt, DateTimeOffset now)
    {
        if (state == ReportState.New)
        {
            if (now >= triageDue)
            {
                yield return (DeadlineAction.TriageEscalation, triageDue);
            }
            else if (LatestReminder(program, triageDue, now) is { } reminder)
            {
                yield return (DeadlineAction.TriageReminder, reminder);
            }
            yield break;
        }
        if (state == ReportState.Fixed && disclosureAt is { } agreed && now >= agreed
            && (publicationDue is null || agreed < publicationDue))
        {
            yield return (DeadlineAction.PublishAtDisclosureDate, agreed);
            yield break;
        }
        if (publicationDue is { } due)
        {
            if (now >= due)
            {
                yield return (
                    program.PublishAtDeadline ? DeadlineAction.PublishAtDeadline : DeadlineAction.FlagAtDeadline, due);
            }
            else if (LatestReminder(program, due, now) is { } reminder)
            {
                yield return (DeadlineAction.PublicationReminder, reminder);
            }
        }
    }

    /// <summary>The maintainer action due now for a report whose maintainers, notified at
    /// <paramref name="notifiedAt"/>, have not answered: the escalation once its business day is reached, else the
    /// latest reminder passed.</summary>
    internal static IEnumerable<(DeadlineAction, DateTimeOffset)> MaintainerDue(
        ProgramEntity program, DateTimeOffset notifiedAt, DateTimeOffset now)
    {
        var calendar = BusinessCalendar.For(program);
        if (program.MaintainerEscalationBusinessDays > 0
            && calendar.AddBusinessDays(notifiedAt, program.MaintainerEscalationBusinessDays) is var escalation
            && now >= escalation)
        {
            yield return (DeadlineAction.MaintainerEscalation, escalation);
            yield break;
        }
        var reminder = program.MaintainerReminderBusinessDays
            .Select(days => calendar.AddBusinessDays(notifiedAt, days))
            .Where(at => at <= now)
            .Select(at => (DateTimeOffset?)at)
            .Max();
        if (reminder is { } at)
        {
            yield return (DeadlineAction.MaintainerReminder, at);
        }
    }

    private static DateTimeOffset? LatestReminder(ProgramEntity program, DateTimeOffset due, DateTimeOffset now) =>
        program.ReminderHours
            .Select(h => due.AddHours(-h))
            .Where(at => at <= now)
            .Select(at => (DateTimeOffset?)at)
            .Max();

    /// <returns>true when this pass took the action, false when another instance already had, null when it failed
    /// (retried next pass).</returns>
    private async Task<bool?> TakeAsync(
        long reportId,
        DeadlineAction action,
        DateTimeOffset dueAt,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (await db.DeadlineActions.AnyAsync(
            a => a.ReportId == reportId && a.Action == action && a.DueAt == dueAt, cancellationToken))
        {
            return false;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            db.DeadlineActions.Add(
                new DeadlineActionEntity { ReportId = reportId, Action = action, DueAt = dueAt, TakenAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        try
        {
            await ActAsync(reportId, action, dueAt, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            logger.LogError(
                e, "The clock could not take {Action} for report #{ReportId}; it retries on the next pass", action,
                reportId);
            return null;
        }
    }

    private async Task ActAsync(
        long reportId,
        DeadlineAction action,
        DateTimeOffset dueAt,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (action is DeadlineAction.PublishAtDeadline or DeadlineAction.PublishAtDisclosureDate)
        {
            await publish.ExecuteAsync(reportId, Actor.System, cancellationToken);
            return;
        }
        var report = await db.Reports.SingleAsync(r => r.Id == reportId, cancellationToken);
        if (action is DeadlineAction.MaintainerReminder or DeadlineAction.MaintainerEscalation)
        {
            await ActOnMaintainersAsync(report, action, dueAt, now, cancellationToken);
            return;
        }
        var (kind, detail) = action switch
        {
            DeadlineAction.TriageReminder => (ReportEventKind.Reminder, $"triage due {Due(report.TriageDueAt)}"),
            DeadlineAction.TriageEscalation => (ReportEventKind.Escalated, $"triage overdue since {Due(dueAt)}"),
            DeadlineAction.PublicationReminder =>
                (ReportEventKind.Reminder, $"publication due {Due(report.PublicationDueAt!.Value)}"),
            _ => (ReportEventKind.Flagged, $"publication deadline {Due(dueAt)} reached; the program publishes by hand"),
        };
        ReportTimeline.Add(db, report, Actor.System, kind, now, EventVisibility.Team, detail);
        var (eventType, audience, deadline) = action switch
        {
            DeadlineAction.TriageReminder => (NotificationEvent.TriageDueSoon, Audience.Team, report.TriageDueAt),
            DeadlineAction.TriageEscalation => (NotificationEvent.TriageOverdue, Audience.Team, report.TriageDueAt),
            DeadlineAction.PublicationReminder =>
                (NotificationEvent.PublicationDueSoon, Audience.Team | Audience.Maintainers,
                    report.PublicationDueAt!.Value),
            _ => (NotificationEvent.PublicationDueSoon, Audience.Team, dueAt),
        };
        await notifier.QueueAsync(report, eventType, audience, null, deadline, cancellationToken);
    }

    /// <summary>A reminder to the maintainers, or the escalation to the program's admins: a team entry on the timeline
    /// saying how long nobody answered, and the e-mail (facts only: the report's number, link and publication
    /// deadline).</summary>
    private async Task ActOnMaintainersAsync(
        ReportEntity report,
        DeadlineAction action,
        DateTimeOffset dueAt,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var notifiedAt = (await MaintainerAnswers.ForAsync(db, [report.Id], cancellationToken))[report.Id].NotifiedAt;
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == report.ProgramId, cancellationToken);
        var days = (int)Math.Round(BusinessCalendar.For(program).BusinessTimeUntil(notifiedAt, dueAt).TotalDays);
        var escalation = action == DeadlineAction.MaintainerEscalation;
        var silence = $"no answer {days} business days after they were notified on {Due(notifiedAt)}";
        var detail = escalation
            ? $"maintainers unresponsive: {silence}; the admins are told"
            : $"maintainers reminded: {silence}";
        ReportTimeline.Add(db, report, Actor.System, escalation ? ReportEventKind.Escalated : ReportEventKind.Reminder,
            now, EventVisibility.Team, detail);
        await notifier.QueueAsync(
            report,
            escalation ? NotificationEvent.MaintainersUnresponsive : NotificationEvent.MaintainerReminder,
            escalation ? Audience.Admins : Audience.Maintainers,
            null,
            report.PublicationDueAt,
            cancellationToken);
    }

    private static string Due(DateTimeOffset at) => DateWords.Moment(at);
}
