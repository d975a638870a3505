using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Sync;

namespace Vigil.Core.Tests.Sync;

internal static class SyncFixture
{
    /// <summary>No backoff wait: the retries themselves are what the tests look at.</summary>
    public static readonly SyncOptions Options = new()
    {
        RetryDelay = TimeSpan.Zero,
        MaxRetries = 3,
        MinRemovalGuard = 2
    };

    public static FakeTimeProvider StartClock() => new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public static async Task<SyncRunResult> SyncAsync(
        TestDatabase database, string location, TimeProvider time, string name = "upstream", string ecosystem = "npm",
        SyncOptions? options = null)
    {
        await using var db = database.Open();
        return await new RunSync(db, time, options ?? Options).ExecuteAsync(new SyncSource(name, location), ecosystem,
            null, TestContext.Current.CancellationToken);
    }

    public static async Task<Dictionary<string, (string Origin, string Summary,
        DateTimeOffset? Withdrawn)>> AdvisoriesAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var rows = await db.Advisories.AsNoTracking().Select(a => new { a.Id, a.Origin, a.Summary, a.Withdrawn })
            .ToListAsync(TestContext.Current.CancellationToken);
        return rows.ToDictionary(r => r.Id, r => (r.Origin, r.Summary ?? "", r.Withdrawn), StringComparer.Ordinal);
    }

    public static async Task<SyncStateEntity?> StateAsync(TestDatabase database, string name = "upstream",
        string ecosystem = "npm")
    {
        await using var db = database.Open();
        return await db.Set<SyncStateEntity>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.Source == name && s.Ecosystem == ecosystem,
                TestContext.Current.CancellationToken);
    }

    /// <summary>Stores one advisory the way a hand import (or the program) would.</summary>
    public static async Task StoreAsync(TestDatabase database, string id, DateTimeOffset modified, string summary,
        string origin)
    {
        await using var db = database.Open();
        var vulnerability = OsvJson.Deserialize(TestBucket.Record(id, modified, "npm", "left-pad", summary));
        await new UpsertAdvisories(db, TimeProvider.System).ExecuteAsync(
            [new AdvisoryToStore(vulnerability, "osv", Origin: origin)], TestContext.Current.CancellationToken);
    }
}
