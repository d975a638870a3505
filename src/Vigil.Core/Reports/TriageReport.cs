using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Reports;

/// <summary>
/// The triage decision (docs/disclosure.md): accept, reject (not applicable, informative, duplicate of
/// another report, spam) or ask for more information. Accepting assigns the deciding member to follow the
/// report and starts the publication clock: the program's days after triage.
/// </summary>
public sealed class TriageReport(VigilDbContext db, ReportVault vault, TimeProvider time, IReportNotifier notifier)
{
    public async Task AcceptAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        TeamDecision.Require(access, id);
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == report.ProgramId, cancellationToken);
        var now = time.GetUtcNow();
        ReportTimeline.Move(db, report, actor, ReportState.Accepted, now);
        report.TriagedAt = now;
        report.PublicationDueAt = now.AddDays(program.PublicationDays);
        report.AssignedTriagerId = actor.UserId;
        ReportTimeline.Add(
            db, report, actor, ReportEventKind.Assigned, now, EventVisibility.Participants,
            detail: $"user:{actor.UserId}");
        await NotifyReporterAsync(
            report, Notifications.NotificationEvent.Accepted, report.PublicationDueAt, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RejectAsync(
        long id,
        Actor actor,
        RejectionReason reason,
        long? duplicateOf,
        string? note,
        CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        TeamDecision.Require(access, id);
        if (reason == RejectionReason.Duplicate)
        {
            if (duplicateOf is null || duplicateOf == id
                || !await db.Reports.AnyAsync(
                    r => r.Id == duplicateOf && r.ProgramId == report.ProgramId, cancellationToken))
            {
                throw new ValidationFailedException("A duplicate names the report it duplicates.",
                    new Dictionary<string, string[]>
                    {
                        ["duplicateOf"] = [$"name another report of this program (#N); '{duplicateOf}' is not one."],
                    });
            }
        }
        var now = time.GetUtcNow();
        var text = string.IsNullOrWhiteSpace(note)
            ? null
            : ReportVault.Seal(vault.Unwrap(report.WrappedKey), note, ReportContent.EventPurpose);
        ReportTimeline.Move(
            db, report, actor, ReportState.Rejected, now,
            detail: reason == RejectionReason.Duplicate ? $"duplicate of #{duplicateOf}" : reason.Name(),
            sealedText: text);
        report.TriagedAt = now;
        report.RejectionReason = reason;
        report.DuplicateOfId = reason == RejectionReason.Duplicate ? duplicateOf : null;
        await NotifyReporterAsync(report, Notifications.NotificationEvent.Rejected, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AskForInformationAsync(
        long id, Actor actor, string question, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            throw new ValidationFailedException("Say what information is missing.",
                new Dictionary<string, string[]> { ["question"] = ["say what information is missing."] });
        }
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        TeamDecision.Require(access, id);
        var text = ReportVault.Seal(vault.Unwrap(report.WrappedKey), question, ReportContent.EventPurpose);
        ReportTimeline.Move(db, report, actor, ReportState.NeedsMoreInformation, time.GetUtcNow(), sealedText: text);
        await NotifyReporterAsync(
            report, Notifications.NotificationEvent.NeedsMoreInformation, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task NotifyReporterAsync(
        ReportEntity report, string eventType, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        var content = ReportContent.Open(vault.Unwrap(report.WrappedKey), report.SealedContent);
        await notifier.QueueAsync(report, eventType, Audience.Reporter, content, deadline, cancellationToken);
    }
}
