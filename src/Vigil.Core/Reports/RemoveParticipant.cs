using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Reports;

/// <summary>
/// The team removes an invited maintainer from a report: their access ends at once (the report and its
/// attachments answer them 404 from the next request), and the timeline records it. Only maintainers are
/// removed this way; the reporter and the team are part of a report by what they are.
/// </summary>
public sealed class RemoveParticipant(VigilDbContext db, TimeProvider time)
{
    public async Task ExecuteAsync(
        long id, Actor actor, long participantId, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        ParticipantAccess.RequireDecision(access, id);
        var participant = await db.ReportParticipants.SingleOrDefaultAsync(
            p => p.Id == participantId && p.ReportId == id, cancellationToken)
            ?? throw new NotFoundException($"No participant {participantId} on report #{id}.");
        db.ReportParticipants.Remove(participant);
        ReportTimeline.Add(
            db, report, actor, ReportEventKind.ParticipantRemoved, time.GetUtcNow(), EventVisibility.Participants,
            detail: participant.UserId is { } user ? $"user:{user}" : "an invitation by e-mail");
        report.Revision++;
        await db.SaveChangesAsync(cancellationToken);
    }
}
