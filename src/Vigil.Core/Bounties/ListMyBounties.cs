using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Bounties;

public sealed record MyBounty(
    long ReportId, string Program, string? AdvisoryId, string Recipient, decimal Amount, string Currency, string State,
    DateTimeOffset AwardedAt, DateTimeOffset? PaidAt, bool ShowPublicly);

/// <summary>The signed-in account's own shares, on every report (finder: reports it filed as reporter; fixer: shares
/// naming it).</summary>
public sealed class ListMyBounties(VigilDbContext db)
{
    public async Task<IReadOnlyList<MyBounty>> ExecuteAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (actor is not { Kind: ActorKind.User, UserId: { } user })
        {
            return [];
        }
        var rows = await (
            from p in db.Set<BountyPaymentEntity>().AsNoTracking()
            join a in db.Set<BountyAwardEntity>() on p.AwardId equals a.Id
            join r in db.Reports on a.ReportId equals r.Id
            join g in db.Programs on r.ProgramId equals g.Id
            where (p.Recipient == BountyRecipient.Finder && r.ReporterUserId == user)
                || (p.Recipient == BountyRecipient.Fixer && p.UserId == user)
            select new
            {
                r.Id,
                g.Slug,
                r.AdvisoryId,
                p.Recipient,
                p.Amount,
                a.Currency,
                p.State,
                a.AwardedAt,
                p.PaidAt,
                p.ShowPublicly,
            })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.AwardedAt)
            .Select(
                r => new MyBounty(
                    r.Id, r.Slug, r.AdvisoryId, r.Recipient.Name(), r.Amount, r.Currency, r.State.Name(), r.AwardedAt,
                    r.PaidAt, r.ShowPublicly))
            .ToList();
    }
}
