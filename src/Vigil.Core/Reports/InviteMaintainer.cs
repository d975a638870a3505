using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Reports;

/// <summary>
/// Brings a maintainer into one accepted report (docs/disclosure.md): by account, or by e-mail until they
/// sign in. The invitation opens this report only. The first invitation moves an accepted report to
/// "maintainers notified". An e-mail invitation carries a single-use secret link (<see cref="InvitationTokens"/>):
/// whoever opens it signed in becomes the participant (<see cref="AcceptInvitation"/>); the address itself
/// grants nothing, since anyone can register with any address. Inviting an address again (in any case of letters)
/// renews its one invitation with a fresh link instead of adding a second; an address that already accepted is a
/// conflict.
/// </summary>
public sealed class InviteMaintainer(VigilDbContext db, TimeProvider time, IReportNotifier notifier)
{
    public async Task<MaintainerInvitation> ExecuteAsync(
        long id, Actor actor, Guid? userId, string? email, CancellationToken cancellationToken = default)
    {
        if (userId is null
            && (string.IsNullOrWhiteSpace(email) || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _)))
        {
            throw new ValidationFailedException("Invite a maintainer by account or e-mail address.",
                new Dictionary<string, string[]>
                {
                    ["email"] = ["give the maintainer's account or a valid e-mail address."],
                });
        }
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        TeamDecision.Require(access, id);
        if (!ReportStates.IsEmbargoed(report.State))
        {
            throw new ConflictException(
                $"Report #{id} is {report.State.Name()}; maintainers are invited once it is accepted and until it is "
                + "published.");
        }
        if (userId is not null
            && await db.ReportParticipants.AnyAsync(p => p.ReportId == id && p.UserId == userId, cancellationToken))
        {
            throw new ConflictException($"That maintainer is already part of report #{id}.");
        }
        var now = time.GetUtcNow();
        var address = email?.Trim();
        var earlier = address is null ? null : await db.ReportParticipants
            .Where(p => p.ReportId == id && p.Email != null && p.Email.ToLower() == address.ToLower())
            .OrderByDescending(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        if (earlier?.AcceptedAt is not null)
        {
            throw new ConflictException($"{address} already takes part in report #{id}.");
        }
        // Inviting an address again renews its invitation: one row per address, a fresh link, the old link dead.
        (string Token, byte[] Hash)? invitation = userId is null ? InvitationTokens.Create() : null;
        var participant = earlier ?? new ReportParticipantEntity { ReportId = id, UserId = userId, Email = address };
        participant.InvitedAt = now;
        participant.InvitedBy = actor.UserId;
        participant.InvitationTokenHash = invitation?.Hash;
        if (earlier is null)
        {
            db.ReportParticipants.Add(participant);
        }
        ReportTimeline.Add(db, report, actor, ReportEventKind.MaintainerInvited, now, EventVisibility.Participants,
            detail: userId is not null
                ? $"user:{userId}"
                : earlier is not null ? "by e-mail, a new link" : "by e-mail");
        if (report.State == ReportState.Accepted)
        {
            ReportTimeline.Move(db, report, actor, ReportState.MaintainersNotified, now);
        }
        // Only the new invitee: saved first so the notifier's query sees them, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.QueueInvitationAsync(report, participant, invitation?.Token, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new MaintainerInvitation(participant, invitation?.Token, Renewed: earlier is not null);
    }
}

/// <summary>
/// The invitation; <see cref="Token"/> (an e-mail invitation's secret) is e-mailed and returned this once to the
/// inviter.
/// <see cref="Renewed"/>: the address was invited before and not yet accepted; its new link replaces the old one.
/// </summary>
public sealed record MaintainerInvitation(ReportParticipantEntity Participant, string? Token, bool Renewed = false);
