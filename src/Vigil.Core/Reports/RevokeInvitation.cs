using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Reports;

/// <summary>
/// The team revokes an e-mail invitation nobody has used yet: the link then answers 404 like any unknown
/// invitation, and the timeline records it. An accepted invitation is a participant: see
/// <see cref="RemoveParticipant"/>.
/// </summary>
public sealed class RevokeInvitation(VigilDbContext db, TimeProvider time)
{
    public async Task ExecuteAsync(
        long id, Actor actor, long invitationId, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        ParticipantAccess.RequireDecision(access, id);
        var invitation = await db.ReportParticipants
            .SingleOrDefaultAsync(
                p => p.Id == invitationId && p.ReportId == id && p.InvitationTokenHash != null && p.AcceptedAt == null,
                cancellationToken)
            ?? throw new NotFoundException($"No unused invitation {invitationId} on report #{id}.");
        db.ReportParticipants.Remove(invitation);
        ReportTimeline.Add(
            db, report, actor, ReportEventKind.InvitationRevoked, time.GetUtcNow(), EventVisibility.Participants,
            detail: "an invitation by e-mail");
        report.Revision++;
        await db.SaveChangesAsync(cancellationToken);
    }
}
