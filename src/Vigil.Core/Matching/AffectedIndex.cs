using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Matching;

/// <summary>
/// The server's in-memory matching index: every affected row of every non-withdrawn advisory, by package
/// name, so that a 1,000-package npm bulk or OSV querybatch request costs dictionary lookups instead of
/// thousands of random reads (docs/performance.md, benchmark c). It is shared by all requests and
/// re-validated at most once per <c>refreshInterval</c> against a cheap change stamp, so an advisory
/// written by an import, another process or another server instance is served within that interval.
/// Each snapshot remembers per (ecosystem, name, version) which rows match, up to
/// <c>matchCacheEntries</c> entries (0 turns that cache off).
/// </summary>
public sealed class AffectedIndex(
    DatabaseTarget target, TimeProvider time, TimeSpan refreshInterval,
    int matchCacheEntries = AffectedSnapshot.DefaultMatchCacheEntries)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile AffectedSnapshot? _snapshot;
    private long _checkedAt;

    public async ValueTask<AffectedSnapshot> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && IsFresh())
        {
            return snapshot;
        }
        // While one request re-validates, the others keep serving the current snapshot (unless every
        // request must see the latest data, refreshInterval = 0, as the tests ask).
        if (snapshot is not null && refreshInterval > TimeSpan.Zero && !await _gate.WaitAsync(0, cancellationToken))
        {
            return snapshot;
        }
        if (snapshot is null || refreshInterval <= TimeSpan.Zero)
        {
            await _gate.WaitAsync(cancellationToken);
        }
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && IsFresh())
            {
                return snapshot;
            }
            await using var db = VigilDatabase.Open(target);
            var stamp = await ReadStampAsync(db, cancellationToken);
            if (snapshot is null || snapshot.Stamp != stamp)
            {
                snapshot = await AffectedSnapshot.LoadAsync(db, stamp, matchCacheEntries, cancellationToken);
                _snapshot = snapshot;
            }
            Volatile.Write(ref _checkedAt, time.GetTimestamp());
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsFresh() =>
        refreshInterval > TimeSpan.Zero && time.GetElapsedTime(Volatile.Read(ref _checkedAt)) < refreshInterval;

    /// <summary>
    /// The newest advisory number, modification time and correction: each comes from an index (O(log n)). Advisories
    /// are never deleted, and any change to one (including withdrawal) moves its <c>modified</c> forward,
    /// as the OSV schema requires, so a changed stamp is exactly "something changed". Also the version
    /// the advisory pages' output cache is keyed on (Web/Pages/Advisories/AdvisoryPageCache).
    /// </summary>
    public static async Task<string> ReadStampAsync(VigilDbContext db, CancellationToken cancellationToken)
    {
        // Sub-selects: SQLite answers a lone max() from the index, but not two in one select. The newest
        // correction is part of the stamp too, so a revision is seen even when an imported record's
        // modified lies in the future.
        const string sql = """
            SELECT (SELECT max("Number") FROM advisories), (SELECT max("Modified") FROM advisories), (SELECT max("Id") FROM advisory_revisions)
            """;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var number = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
            var modified = reader.IsDBNull(1) ? 0 : ValueListQuery.Instant(reader.GetValue(1)).UtcTicks;
            var revision = reader.IsDBNull(2) ? 0 : reader.GetInt64(2);
            return $"{number}/{modified}/{revision}";
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
