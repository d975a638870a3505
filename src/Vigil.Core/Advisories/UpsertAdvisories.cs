using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Core.Advisories;

/// <param name="ModifiedIsFirstSeen">
/// The source gives no date for the record: its <c>modified</c> becomes the instant this instance first
/// stored the record as it is now, kept while re-imports bring the same record and moved when it changes.
/// </param>
/// <param name="Origin">Provenance (<see cref="AdvisoryOrigin"/>): a hand import unless a sync stores it.</param>
public sealed record AdvisoryToStore(
    OsvVulnerability Vulnerability,
    string Source,
    bool ModifiedIsFirstSeen = false,
    string Origin = AdvisoryOrigin.Import);

public sealed record UpsertOutcome(int Added, int Updated, int Unchanged)
{
    public static readonly UpsertOutcome None = new(0, 0, 0);
    public UpsertOutcome Plus(UpsertOutcome other) =>
        new(Added + other.Added, Updated + other.Updated, Unchanged + other.Unchanged);
}

/// <summary>
/// Stores a batch of advisories in one transaction, keyed by OSV id: new ids are added, changed documents
/// replace the stored one (keeping its stable number), identical ones are left alone. Re-importing the
/// same data is therefore a no-op, and a failure leaves the database as it was before the batch (or, when
/// the caller holds a transaction, before the caller's whole unit of work).
/// </summary>
public sealed class UpsertAdvisories(VigilDbContext db, TimeProvider time)
{
    private readonly TimeProvider _time = time;

    public async Task<UpsertOutcome> ExecuteAsync(
        IReadOnlyList<AdvisoryToStore> batch, CancellationToken cancellationToken = default)
    {
        var latest = new Dictionary<string, AdvisoryToStore>(StringComparer.Ordinal);
        foreach (var item in batch)
        {
            latest[item.Vulnerability.Id] = item; // a later duplicate in the same batch wins
        }
        var ids = latest.Keys.ToList();
        var existing = await db.Advisories
            .WithRows()
            .Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, cancellationToken);

        int added = 0, updated = 0, unchanged = 0;
        // Whole seconds: PostgreSQL keeps microseconds, so a finer instant would not compare equal when read back.
        var clock = _time.GetUtcNow();
        var now = new DateTimeOffset(clock.UtcTicks - clock.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        foreach (var (id, item) in latest)
        {
            existing.TryGetValue(id, out var entity);
            if (item.ModifiedIsFirstSeen)
            {
                item.Vulnerability.Modified = FirstSeen(entity, item, now);
            }
            var document = OsvJson.Serialize(item.Vulnerability);
            if (entity is not null)
            {
                if (entity.Document == document && entity.Source == item.Source && entity.Origin == item.Origin
                    && entity.SearchKeywords is not null)
                {
                    unchanged++;
                    continue;
                }
                db.AdvisoryAliases.RemoveRange(entity.Aliases);
                db.AffectedPackages.RemoveRange(entity.Affected);
                db.AdvisoryCwes.RemoveRange(entity.Cwes);
                entity.Source = item.Source;
                entity.Origin = item.Origin;
                AdvisoryRows.Apply(entity, item.Vulnerability, document);
                updated++;
            }
            else
            {
                entity = new AdvisoryEntity
                {
                    Id = id,
                    Source = item.Source,
                    Origin = item.Origin,
                    Document = document,
                };
                AdvisoryRows.Apply(entity, item.Vulnerability, document);
                db.Advisories.Add(entity);
                added++;
            }
        }

        // A caller's open transaction (a whole sync run) is joined; otherwise the batch is its own.
        var owned = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
        db.ChangeTracker.Clear();
        return new UpsertOutcome(added, updated, unchanged);
    }

    /// <summary>
    /// The stored <c>modified</c> when the stored document is this record with it; else now. A stored
    /// 1970-01-01 is what earlier versions wrote for "no date" and counts as not yet seen.
    /// </summary>
    private static DateTimeOffset FirstSeen(AdvisoryEntity? entity, AdvisoryToStore item, DateTimeOffset now)
    {
        if (entity is null || entity.Modified <= DateTimeOffset.UnixEpoch || entity.Source != item.Source)
        {
            return now;
        }
        item.Vulnerability.Modified = entity.Modified;
        return OsvJson.Serialize(item.Vulnerability) == entity.Document ? entity.Modified : now;
    }
}
