using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Matching;

/// <summary>
/// A cheap fingerprint of the advisory table (count, highest number, latest <c>modified</c>; indexed
/// reads only) that changes when an advisory is added, deleted, or stored with a newer <c>modified</c>
/// — what a published advisory's creation, update or withdrawal does. Data derived from all
/// advisories (the NuGet vulnerability page, the Node.js core list) is rebuilt only when it changes.
/// </summary>
public sealed record AdvisoryStamp(int Count, long MaxNumber, DateTimeOffset? MaxModified)
{
    public static async Task<AdvisoryStamp> ReadAsync(VigilDbContext db, CancellationToken cancellationToken = default)
    {
        var stamp = await db.Advisories
            .GroupBy(_ => 1)
            .Select(g => new AdvisoryStamp(g.Count(), g.Max(a => a.Number), g.Max(a => (DateTimeOffset?)a.Modified)))
            .FirstOrDefaultAsync(cancellationToken);
        return stamp ?? new AdvisoryStamp(0, 0, null);
    }
}
