using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Bounties;

/// <summary>
/// The bounty on one report for the caller: the team sees it all (with the reason); a recipient sees their own
/// share and not the others'; anyone else — other participants included — is told there is none (404).
/// </summary>
public sealed class GetReportBounty(VigilDbContext db, ReportVault vault, BountyPayments payments)
{
    public async Task<BountyView> ExecuteAsync(
        long reportId, Actor actor, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, reportId, actor, cancellationToken);
        var award = await db.Set<BountyAwardEntity>()
            .AsNoTracking()
            .Include(a => a.Payments)
            .SingleOrDefaultAsync(a => a.ReportId == reportId, cancellationToken);
        var shares = award is null ? [] : access.IsTeam
            ? award.Payments
            : (await payments.MineAsync(report, access, actor, cancellationToken))
                .Select(p => p.Id)
                .ToHashSet() is var mine
                ? award.Payments.Where(p => mine.Contains(p.Id)).ToList() : [];
        if (award is null || shares.Count == 0)
        {
            throw new NotFoundException($"Report #{reportId} has no bounty for you to see.");
        }
        return new BountyView(reportId, award.Currency, award.Severity, access.IsTeam ? BountyReason.Open(
            vault, report.WrappedKey, award.Reason) : null, award.AwardedAt,
            shares.OrderBy(p => p.Recipient).Select(BountyView.Share).ToList());
    }
}
