using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Core.Sync;

/// <summary>What <c>modified_id.csv</c> will hold: its validators are known before the body is written.</summary>
public sealed record BucketListingInfo(int Count, DateTimeOffset? Newest)
{
    /// <summary>A weak validator: the count and the newest <c>modified</c> change with every add, change, withdrawal or
    /// delete.</summary>
    public string ETag => $"W/\"{Count}-{Newest?.UtcTicks ?? 0}\"";
}

/// <summary>
/// This instance's database in OSV's bucket layout, beside <c>all.zip</c>: <c>modified_id.csv</c> (newest
/// first) and one <c>{ID}.json</c> per record, so another instance can mirror this one (<c>vigil sync</c>,
/// docs/sync.md). An ecosystem covers advisories with a package in it, suffixes such as <c>Debian:12</c>
/// included, as in the zip.
/// </summary>
public sealed class ServeBucket(VigilDbContext db)
{
    public async Task<BucketListingInfo> InfoAsync(string ecosystem, CancellationToken cancellationToken)
    {
        var rows = InEcosystem(ecosystem);
        var count = await rows.CountAsync(cancellationToken);
        var newest = count == 0 ? null : await rows.MaxAsync(a => (DateTimeOffset?)a.Modified, cancellationToken);
        return new BucketListingInfo(count, newest);
    }

    /// <summary>Streams the listing one row at a time, so memory does not grow with the database.</summary>
    public async Task WriteModifiedIdAsync(Stream output, string ecosystem, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true)
        {
            NewLine = "\n",
        };
        var rows = InEcosystem(ecosystem)
            .OrderByDescending(a => a.Modified)
            .ThenBy(a => a.Id)
            .Select(a => new { a.Modified, a.Id });
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(OsvJson.Format(row.Modified));
            await writer.WriteAsync(',');
            await writer.WriteAsync(row.Id);
            await writer.WriteAsync('\n');
        }
    }

    /// <summary>The record as <c>all.zip</c> holds it, or null when no advisory with this id names a package in the
    /// ecosystem.</summary>
    public async Task<string?> RecordAsync(string ecosystem, string id, CancellationToken cancellationToken)
    {
        var document = await InEcosystem(ecosystem)
            .Where(a => a.Id == id)
            .Select(a => a.Document)
            .SingleOrDefaultAsync(cancellationToken);
        return document is null ? null : OsvJson.Serialize(OsvPurls.Read(document), indented: true);
    }

    private IQueryable<Advisories.AdvisoryEntity> InEcosystem(string ecosystem)
    {
        var prefix = ecosystem + ":";
        return db.Advisories.AsNoTracking().Where(a => db.AffectedPackages.Any(p => p.AdvisoryNumber == a.Number
            && (p.Ecosystem == ecosystem || p.Ecosystem.StartsWith(prefix))));
    }
}
