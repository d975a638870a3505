using Microsoft.EntityFrameworkCore;
using Vigil.Core.Bounties;
using Vigil.Core.Data;

namespace Vigil.Core.Hacktivity;

public sealed record PublicAmount(decimal Amount, string Currency);

/// <summary>
/// Which bounties may be shown: an award is public only when every recipient who did not decline their share
/// agreed to show it (opt-in per report, default hidden). Anything else stays private.
/// </summary>
internal static class PublicBounty
{
    public sealed record Shown(long ReportId, PublicAmount Total, decimal FinderAmount);

    public static async Task<Dictionary<long, Shown>> ForReportsAsync(
        VigilDbContext db, IReadOnlyCollection<long> reportIds, CancellationToken cancellationToken)
    {
        var awards = await db.Set<BountyAwardEntity>().AsNoTracking().Include(a => a.Payments)
            .Where(a => reportIds.Contains(a.ReportId)).ToListAsync(cancellationToken);
        var shown = new Dictionary<long, Shown>();
        foreach (var award in awards)
        {
            var kept = award.Payments.Where(p => p.State != BountyPaymentState.Declined).ToList();
            if (kept.Count > 0 && kept.All(p => p.ShowPublicly))
            {
                shown[award.ReportId] = new Shown(
                    award.ReportId, new PublicAmount(kept.Sum(p => p.Amount), award.Currency),
                    kept.Where(p => p.Recipient == BountyRecipient.Finder).Sum(p => p.Amount));
            }
        }
        return shown;
    }
}
