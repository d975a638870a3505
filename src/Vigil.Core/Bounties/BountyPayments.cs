using Microsoft.EntityFrameworkCore;
using Vigil.Core.Clock;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Bounties;

/// <summary>
/// Where each share of an award stands: the team records a payment made outside Vigil (awarded → paid, with
/// its date); a recipient declines their own share, and opts in (or out) of showing it on the hacktivity page.
/// </summary>
public sealed class BountyPayments(VigilDbContext db, TimeProvider time)
{
    public async Task MarkPaidAsync(
        long reportId,
        Actor actor,
        BountyRecipient recipient,
        DateOnly? paidOn,
        CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, reportId, actor, cancellationToken);
        TeamDecision.Require(access, reportId);
        var now = time.GetUtcNow();
        var paidAt = paidOn is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : now;
        if (paidAt > now)
        {
            throw new ValidationFailedException("paidOn: a payment date is not in the future.",
                new Dictionary<string, string[]> { ["paidOn"] = [$"'{paidOn:yyyy-MM-dd}' is in the future."] });
        }
        var share = await ShareAsync(reportId, recipient, cancellationToken);
        if (share.State != BountyPaymentState.Awarded)
        {
            throw new ConflictException(
                $"The {recipient.Name()}'s bounty on report #{reportId} is {share.State.Name()}; only an awarded one "
                + "becomes paid.");
        }
        share.State = BountyPaymentState.Paid;
        share.PaidAt = paidAt;
        report.Revision++;
        ReportTimeline.Add(
            db, report, actor, ReportEventKind.InternalNote, now, EventVisibility.Team,
            detail: $"bounty paid to the {recipient.Name()} on {DateWords.Day(paidAt)}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The recipient declines their own share (only while it is not paid).</summary>
    public async Task DeclineAsync(long reportId, Actor actor, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, reportId, actor, cancellationToken);
        var mine = await MineAsync(report, access, actor, cancellationToken);
        var open = mine.Where(p => p.State == BountyPaymentState.Awarded).ToList();
        if (open.Count == 0)
        {
            throw new ConflictException($"Report #{reportId} has no unpaid bounty of yours to decline.");
        }
        var now = time.GetUtcNow();
        foreach (var share in open)
        {
            share.State = BountyPaymentState.Declined;
            share.DeclinedAt = now;
        }
        report.Revision++;
        ReportTimeline.Add(
            db, report, actor, ReportEventKind.InternalNote, now, EventVisibility.Team,
            detail: "bounty declined by the recipient");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The recipient agrees (or no longer agrees) that their amount is shown publicly.</summary>
    public async Task SetVisibilityAsync(
        long reportId, Actor actor, bool showPublicly, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, reportId, actor, cancellationToken);
        var mine = await MineAsync(report, access, actor, cancellationToken);
        if (mine.Count == 0)
        {
            throw new ConflictException($"Report #{reportId} has no bounty of yours.");
        }
        foreach (var share in mine)
        {
            share.ShowPublicly = showPublicly;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The caller's shares: the finder's for the reporter (account or follow-up token), the fixer's for that
    /// account.</summary>
    internal async Task<List<BountyPaymentEntity>> MineAsync(
        ReportEntity report, ReportAccessResult access, Actor actor, CancellationToken cancellationToken)
    {
        var isFinder = (actor.Kind == ActorKind.FollowUpToken && access.Role == ReportRole.Reporter)
            || (actor is { Kind: ActorKind.User, UserId: { } user } && report.ReporterUserId == user);
        var payments = await db.Set<BountyPaymentEntity>()
            .Where(p => db.Set<BountyAwardEntity>().Any(a => a.Id == p.AwardId && a.ReportId == report.Id))
            .ToListAsync(cancellationToken);
        return payments.Where(p => (p.Recipient == BountyRecipient.Finder && isFinder)
            || (p.Recipient == BountyRecipient.Fixer && actor.Kind == ActorKind.User
                && p.UserId == actor.UserId)).ToList();
    }

    private async Task<BountyPaymentEntity> ShareAsync(
        long reportId, BountyRecipient recipient, CancellationToken cancellationToken) =>
        await db.Set<BountyPaymentEntity>()
            .SingleOrDefaultAsync(p => p.Recipient == recipient && db.Set<BountyAwardEntity>().Any(
                a => a.Id == p.AwardId && a.ReportId == reportId), cancellationToken)
        ?? throw new NotFoundException($"Report #{reportId} has no bounty for the {recipient.Name()}.");
}
