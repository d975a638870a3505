using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Core.Sync;

/// <summary>What a run stored, and what the provenance rule made it keep as it was.</summary>
public sealed record MirrorOutcome(int Added, int Updated, int Unchanged, int Kept, int Removed)
{
    public static readonly MirrorOutcome None = new(0, 0, 0, 0, 0);

    public MirrorOutcome Plus(MirrorOutcome o) =>
        new(Added + o.Added, Updated + o.Updated, Unchanged + o.Unchanged, Kept + o.Kept, Removed + o.Removed);
}

/// <summary>
/// Writes a sync source's records under the provenance rule (docs/sync.md, provenance):
/// <list type="number">
/// <item>a row published here (<see cref="AdvisoryOrigin.Program"/>) or imported by hand
/// (<see cref="AdvisoryOrigin.Import"/>) is never replaced by a sync;</item>
/// <item>a row of the same source is replaced when the record changed;</item>
/// <item>a row of another sync source is replaced only when the incoming <c>modified</c> is strictly
/// newer; on a tie the row stays with the source that has it.</item>
/// </list>
/// Everything joins the caller's transaction (<see cref="MirrorRows"/> writes in it).
/// </summary>
internal sealed class MirrorStore(VigilDbContext db, string source, TimeProvider time)
{
    private readonly MirrorRows _rows = MirrorRows.For(db);

    public async Task<MirrorOutcome> StoreAsync(IReadOnlyList<MirrorRecord> batch, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, MirrorRecord>(batch.Count, StringComparer.Ordinal);
        foreach (var record in batch)
        {
            latest[record.Row.Id] = record; // a later duplicate in the same batch wins
        }
        var held = await _rows.ReadHeldAsync([.. latest.Keys], source, cancellationToken);
        var inserts = new List<AdvisoryEntity>(latest.Count);
        var updates = new List<AdvisoryEntity>();
        int kept = 0, unchanged = 0;
        foreach (var (id, record) in latest)
        {
            var row = record.Row;
            row.Origin = source;
            if (!held.TryGetValue(id, out var stored))
            {
                inserts.Add(row);
                continue;
            }
            if (!Replaces(stored.Origin, stored.Modified, row.Modified))
            {
                kept++;
            }
            else if (stored.Document == row.Document && stored.Source == row.Source)
            {
                unchanged++; // the same source's row, as it is
            }
            else
            {
                row.Number = stored.Number;
                updates.Add(row);
            }
        }
        await _rows.InsertAsync(inserts, cancellationToken);
        await _rows.UpdateAsync(updates, cancellationToken);
        return new MirrorOutcome(inserts.Count, updates.Count, unchanged, kept, 0);
    }

    /// <summary>The rule above, for one id already stored.</summary>
    internal bool Replaces(string heldOrigin, DateTimeOffset heldModified, DateTimeOffset incomingModified) =>
        AdvisoryOrigin.IsMirrored(heldOrigin) && (heldOrigin == source || incomingModified > heldModified);

    /// <summary>
    /// Withdraws this source's records in <paramref name="ecosystem"/> that upstream no longer lists: the
    /// document gets <c>withdrawn</c> (and <c>modified</c>) set to now, so every API and feed says so instead
    /// of serving a copy no one maintains. A record listed again later is stored again as upstream has it.
    /// </summary>
    public async Task<int> WithdrawMissingAsync(
        string ecosystem,
        IReadOnlySet<string> listed,
        SyncOptions options,
        string where,
        CancellationToken cancellationToken)
    {
        // Ids only: the documents are read for the few records withdrawn, not for the whole ecosystem.
        var rows = await db.Advisories.AsNoTracking()
            .Where(a => a.Origin == source
                && db.AffectedPackages.Any(p => p.AdvisoryNumber == a.Number && p.Ecosystem == ecosystem))
            .Select(a => new { a.Id, a.Withdrawn })
            .ToListAsync(cancellationToken);
        var missing = rows.Where(r => r.Withdrawn is null && !listed.Contains(r.Id)).Select(r => r.Id).ToList();
        var guard = Math.Max(options.MinRemovalGuard, (int)(rows.Count * options.MaxRemovedShare));
        if (missing.Count > guard)
        {
            throw new SyncFailedException(
                $"{where} no longer lists {missing.Count} of the {rows.Count} records this source holds for "
                + $"{ecosystem} " +
                $"(more than the {guard} a run may withdraw); a truncated listing is more likely than a mass removal, "
                + "so nothing was changed");
        }
        var now = WholeSeconds(time.GetUtcNow());
        foreach (var chunk in missing.Chunk(Math.Max(1, options.BatchSize)))
        {
            var documents = await db.Advisories.AsNoTracking()
                .Where(a => chunk.Contains(a.Id))
                .Select(a => new { a.Source, a.Document })
                .ToListAsync(cancellationToken);
            var withdrawn = documents.Select(r =>
            {
                var vulnerability = OsvJson.Deserialize(r.Document);
                vulnerability.Withdrawn = now;
                vulnerability.Modified = now;
                return MirrorRecord.Of(new AdvisoryToStore(vulnerability, r.Source, Origin: source));
            }).ToList();
            await StoreAsync(withdrawn, cancellationToken);
        }
        return missing.Count;
    }

    internal static DateTimeOffset WholeSeconds(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}

/// <summary>
/// A record ready to store: its row as the database will hold it (document, columns, aliases, affected
/// rows), derived once, off the writing thread in a full run.
/// </summary>
internal sealed record MirrorRecord(AdvisoryEntity Row)
{
    public static MirrorRecord Of(AdvisoryToStore item)
    {
        var vulnerability = item.Vulnerability;
        var document = OsvJson.Serialize(vulnerability);
        var row = new AdvisoryEntity
        {
            Id = vulnerability.Id,
            Source = item.Source,
            Origin = item.Origin,
            Document = document,
        };
        AdvisoryRows.Apply(row, vulnerability, document);
        return new MirrorRecord(row);
    }
}
