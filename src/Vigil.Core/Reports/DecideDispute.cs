using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Vex;

namespace Vigil.Core.Reports;

/// <summary>
/// The team decides on a maintainer's dispute (docs/disclosure.md, "Disputes"), with a reason, as a team decision (a
/// second factor, four-eyes). Accepting a dispute that covers every reported version closes an embargoed report as not
/// affected; one that names versions, or one of a published report, stands beside the advisory for the versions it
/// names. Rejecting leaves the report on its course. The team may word the impact statement to publish when it
/// accepts (its own text then replaces the maintainer's in the VEX document).
/// </summary>
public sealed class DecideDispute(VigilDbContext db, ReportVault vault, TimeProvider time, IReportNotifier notifier)
{
    public const int MaxReason = 2000;

    public async Task ExecuteAsync(long id, long disputeId, Actor actor, bool accept, string? reason,
        string? impactStatement = null, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        TeamDecision.Require(access, id);
        var dispute = await db.ReportDisputes.SingleOrDefaultAsync(
                d => d.Id == disputeId && d.ReportId == id, cancellationToken)
            ?? throw new NotFoundException($"No dispute {disputeId} on report #{id}.");
        if (dispute.State != DisputeState.Pending)
        {
            throw new ConflictException(
                $"The dispute {disputeId} of report #{id} is {dispute.State.ToString().ToLowerInvariant()} already.",
                report.State.Name());
        }
        var errors = new Dictionary<string, string[]>();
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why) || why.Length > MaxReason)
        {
            errors["reason"] = [$"give the reason of the decision (1–{MaxReason:N0} characters); the report's "
                + "participants read it."];
        }
        var statement = ReportDisputes.Statement(impactStatement, "impactStatement", required: false, errors);
        if (!accept && statement is not null)
        {
            errors["impactStatement"] = ["only an accepted dispute has a statement to publish."];
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException("The decision is incomplete or invalid.", errors);
        }
        var dataKey = vault.Unwrap(report.WrappedKey);
        var now = time.GetUtcNow();
        dispute.State = accept ? DisputeState.Accepted : DisputeState.Rejected;
        dispute.DecidedBy = actor.UserId;
        dispute.DecidedAt = now;
        if (statement is not null)
        {
            dispute.SealedImpactStatement = ReportVault.Seal(dataKey, statement, ReportDisputes.StatementPurpose);
        }
        ReportTimeline.Add(db, report, actor, ReportEventKind.DisputeDecided, now, EventVisibility.Participants,
            $"dispute {disputeId} {(accept ? "accepted" : "rejected")}: {dispute.Justification.Name()}",
            ReportVault.Seal(dataKey, why!, ReportContent.EventPurpose));
        if (accept && dispute.Versions is null && ReportStates.IsEmbargoed(report.State))
        {
            ReportTimeline.Move(db, report, actor, ReportState.NotAffected, now,
                detail: $"not affected: {dispute.Justification.Name()}");
        }
        else
        {
            report.Revision++;
        }
        await notifier.QueueAsync(report, Notifications.NotificationEvent.DisputeDecided,
            Audience.Maintainers | Audience.Reporter, ReportContent.Open(dataKey, report.SealedContent), null,
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
