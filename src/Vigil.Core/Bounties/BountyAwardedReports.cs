using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Reputation;

namespace Vigil.Core.Bounties;

/// <summary>A reporter's reports that carry a bounty award (whatever its payment state): what impact averages
/// over.</summary>
public sealed class BountyAwardedReports(VigilDbContext db) : IBountyAwardedReports
{
    public async Task<IReadOnlySet<long>> AwardedReportIdsAsync(Guid reporter, CancellationToken cancellationToken) =>
        (await db.Set<BountyAwardEntity>().AsNoTracking()
            .Where(a => db.Reports.Any(r => r.Id == a.ReportId && r.ReporterUserId == reporter))
            .Select(a => a.ReportId)
            .ToListAsync(cancellationToken))
        .ToHashSet();
}
