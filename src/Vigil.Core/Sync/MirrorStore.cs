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
/// Everything joins the caller's transaction (<see cref="UpsertAdvisories"/> does).
/// </summary>
internal sealed class MirrorStore(VigilDbContext db, string source, TimeProvider time)
{
    private readonly UpsertAdvisories _upsert = new(db, time);

    public async Task<MirrorOutcome> StoreAsync(
        IReadOnlyList<AdvisoryToStore> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Select(b => b.Vulnerability.Id).Distinct(StringComparer.Ordinal).ToList();
        var held = await db.Advisories.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Origin, a.Modified })
            .ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, cancellationToken);
        var write = new List<AdvisoryToStore>(batch.Count);
        var kept = 0;
        foreach (var item in batch)
        {
            if (held.TryGetValue(item.Vulnerability.Id, out var row)
                && !Replaces(row.Origin, row.Modified, item.Vulnerability.Modified))
            {
                kept++;
                continue;
            }
            write.Add(item with { Origin = source });
        }
        var outcome = write.Count == 0 ? UpsertOutcome.None : await _upsert.ExecuteAsync(write, cancellationToken);
        return new MirrorOutcome(outcome.Added, outcome.Updated, outcome.Unchanged, kept, 0);
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
        var rows = await db.Advisories.AsNoTracking()
            .Where(a => a.Origin == source
                && db.AffectedPackages.Any(p => p.AdvisoryNumber == a.Number && p.Ecosystem == ecosystem))
            .Select(a => new { a.Id, a.Source, a.Withdrawn, a.Document })
            .ToListAsync(cancellationToken);
        var missing = rows.Where(r => r.Withdrawn is null && !listed.Contains(r.Id)).ToList();
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
            var withdrawn = chunk.Select(r =>
            {
                var vulnerability = OsvJson.Deserialize(r.Document);
                vulnerability.Withdrawn = now;
                vulnerability.Modified = now;
                return new AdvisoryToStore(vulnerability, r.Source, Origin: source);
            }).ToList();
            await _upsert.ExecuteAsync(withdrawn, cancellationToken);
        }
        return missing.Count;
    }

    internal static DateTimeOffset WholeSeconds(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
