using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Reports;

/// <summary>
/// A maintainer invited by e-mail opens the link signed in: the invitation is bound to that account and
/// the token is spent. A wrong, spent or unknown token answers 404 like a report the caller may not see;
/// an invitation older than <see cref="InvitationTokens.Lifetime"/> has expired (the team invites again).
/// </summary>
public sealed class AcceptInvitation(VigilDbContext db, TimeProvider time)
{
    public async Task ExecuteAsync(long id, Actor actor, string token, CancellationToken cancellationToken = default)
    {
        if (actor.Kind != ActorKind.User || actor.UserId is not { } user)
        {
            throw new ConflictException("Sign in (or create an account) to accept the invitation.");
        }
        var pending = await db.ReportParticipants
            .Where(p => p.ReportId == id && p.InvitationTokenHash != null && p.AcceptedAt == null)
            .ToListAsync(cancellationToken);
        var participant = pending.FirstOrDefault(p => FollowUpTokens.Matches(p.InvitationTokenHash, token))
            ?? throw ReportAccess.NotFound(id);
        var now = time.GetUtcNow();
        if (now - participant.InvitedAt > InvitationTokens.Lifetime)
        {
            throw new ConflictException(
                "This invitation expired on "
                + Clock.DateWords.Moment(participant.InvitedAt + InvitationTokens.Lifetime)
                + "; ask the team to invite you again.");
        }
        var report = await db.Reports.SingleAsync(r => r.Id == id, cancellationToken);
        if (await db.ReportParticipants.AnyAsync(p => p.ReportId == id && p.UserId == user, cancellationToken))
        {
            // Already in the report (by another invitation): this one is spent, and nothing else changes.
            db.ReportParticipants.Remove(participant);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        participant.UserId = user;
        participant.InvitationTokenHash = null;
        participant.AcceptedAt = now;
        ReportTimeline.Add(db, report, actor, ReportEventKind.InvitationAccepted, now, EventVisibility.Participants);
        report.Revision++;
        await db.SaveChangesAsync(cancellationToken);
    }
}
