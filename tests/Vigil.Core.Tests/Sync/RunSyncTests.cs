using Vigil.Core.Advisories;
using Vigil.Core.Data;
using Vigil.Core.Sync;
using Vigil.Core.Tests.Imports;
using static Vigil.Core.Tests.Sync.SyncFixture;

namespace Vigil.Core.Tests.Sync;

public class RunSyncTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_FirstRunThenChanges_TakesAllZipThenOnlyChangedRecordsThenNotModified(
        DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var bucket = new TestBucket().Put("GHSA-0001", TestBucket.Day(1)).Put("GHSA-0002", TestBucket.Day(2))
            .Put("GHSA-0003", TestBucket.Day(3)).Publish();
        await using var server = await BucketServer.StartAsync(bucket);
        var time = StartClock();

        var first = await SyncAsync(database, server.BaseUrl, time);
        server.Requests.Clear();
        bucket.Put("GHSA-0002", TestBucket.Day(10), summary: "changed").Put("GHSA-0004", TestBucket.Day(11)).Publish();
        var second = await SyncAsync(database, server.BaseUrl, time);
        var secondRecords = server.RecordRequests();
        var third = await SyncAsync(database, server.BaseUrl, time);

        Assert.True(first.Succeeded, first.Error);
        Assert.Equal((SyncKind.Full, 3), (first.Kind, first.Outcome.Added));
        Assert.True(second.Succeeded, second.Error);
        Assert.Equal((SyncKind.Incremental, 1, 1), (second.Kind, second.Outcome.Added, second.Outcome.Updated));
        Assert.Equal(["npm/GHSA-0002.json", "npm/GHSA-0004.json"], secondRecords);
        Assert.Equal(SyncKind.NotModified, third.Kind);
        var stored = await AdvisoriesAsync(database);
        Assert.Equal(["GHSA-0001", "GHSA-0002", "GHSA-0003", "GHSA-0004"], stored.Keys.Order(StringComparer.Ordinal));
        Assert.All(stored.Values, a => Assert.Equal("upstream", a.Origin));
        Assert.Equal("changed", stored["GHSA-0002"].Summary);
        var state = await StateAsync(database);
        Assert.Equal(TestBucket.Day(11), state!.LastModifiedSeen);
        Assert.NotNull(state.ETag);
        Assert.Null(state.Error);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_IdPublishedHereOrImportedByHand_NeverOverwritten(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await StoreAsync(database, "VIGIL-2025-1", TestBucket.Day(1), "ours", AdvisoryOrigin.Program);
        await StoreAsync(database, "GHSA-hand", TestBucket.Day(1), "by hand", AdvisoryOrigin.Import);
        var bucket = new TestBucket()
            .Put("VIGIL-2025-1", TestBucket.Day(50), summary: "mirror copy")
            .Put("GHSA-hand", TestBucket.Day(50), summary: "mirror copy")
            .Put("GHSA-new", TestBucket.Day(50)).Publish();
        await using var server = await BucketServer.StartAsync(bucket);

        var first = await SyncAsync(database, server.BaseUrl, StartClock());
        bucket.Put("GHSA-hand", TestBucket.Day(60), summary: "mirror copy 2").Publish();
        var second = await SyncAsync(database, server.BaseUrl, StartClock());

        Assert.Equal((1, 2), (first.Outcome.Added, first.Outcome.Kept));
        Assert.Equal((0, 1), (second.Outcome.Updated, second.Outcome.Kept));
        var stored = await AdvisoriesAsync(database);
        Assert.Equal((AdvisoryOrigin.Program, "ours"), (stored["VIGIL-2025-1"].Origin, stored["VIGIL-2025-1"].Summary));
        Assert.Equal((AdvisoryOrigin.Import, "by hand"), (stored["GHSA-hand"].Origin, stored["GHSA-hand"].Summary));
        Assert.Equal("upstream", stored["GHSA-new"].Origin);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_SameIdFromTwoSources_NewerModifiedWinsTieKeepsCurrent(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var a = new TestBucket().Put("GHSA-tie", TestBucket.Day(5), summary: "from a")
            .Put("GHSA-newer", TestBucket.Day(5), summary: "from a").Publish();
        var b = new TestBucket().Put("GHSA-tie", TestBucket.Day(5), summary: "from b")
            .Put("GHSA-newer", TestBucket.Day(6), summary: "from b").Publish();
        await using var serverA = await BucketServer.StartAsync(a);
        await using var serverB = await BucketServer.StartAsync(b);

        await SyncAsync(database, serverA.BaseUrl, StartClock(), name: "source-a");
        var fromB = await SyncAsync(database, serverB.BaseUrl, StartClock(), name: "source-b");

        Assert.Equal((1, 1), (fromB.Outcome.Updated, fromB.Outcome.Kept));
        var stored = await AdvisoriesAsync(database);
        Assert.Equal(("source-a", "from a"), (stored["GHSA-tie"].Origin, stored["GHSA-tie"].Summary));
        Assert.Equal(("source-b", "from b"), (stored["GHSA-newer"].Origin, stored["GHSA-newer"].Summary));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_RecordGoneOrWithdrawnUpstream_MarkedWithdrawn(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var bucket = new TestBucket();
        for (var i = 1; i <= 10; i++)
        {
            bucket.Put($"GHSA-{i:0000}", TestBucket.Day(i));
        }
        await using var server = await BucketServer.StartAsync(bucket.Publish());
        var time = StartClock();
        await SyncAsync(database, server.BaseUrl, time);

        bucket.Remove("GHSA-0003").Put("GHSA-0004", TestBucket.Day(20), withdrawn: "2024-01-21T00:00:00Z").Publish();
        var run = await SyncAsync(database, server.BaseUrl, time);

        Assert.True(run.Succeeded, run.Error);
        Assert.Equal((1, 1), (run.Outcome.Updated, run.Outcome.Removed));
        var stored = await AdvisoriesAsync(database);
        Assert.Equal(time.GetUtcNow(), stored["GHSA-0003"].Withdrawn);
        Assert.Equal(TestBucket.Day(20), stored["GHSA-0004"].Withdrawn);
        Assert.Null(stored["GHSA-0005"].Withdrawn);
    }

    [Fact]
    public async Task Execute_ListingDropsMostRecords_FailsInsteadOfWithdrawingThem()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var bucket = new TestBucket();
        for (var i = 1; i <= 10; i++)
        {
            bucket.Put($"GHSA-{i:0000}", TestBucket.Day(i));
        }
        await using var server = await BucketServer.StartAsync(bucket.Publish());
        await SyncAsync(database, server.BaseUrl, StartClock());
        var csv = bucket.Files["npm/modified_id.csv"];
        bucket.Files["npm/modified_id.csv"] = csv[..(Array.IndexOf(csv, (byte)'\n') + 1)];

        var run = await SyncAsync(database, server.BaseUrl, StartClock());

        Assert.False(run.Succeeded);
        Assert.Contains("no longer lists 9 of the 10 records", run.Error);
        Assert.All((await AdvisoriesAsync(database)).Values, a => Assert.Null(a.Withdrawn));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Execute_DirectoryOrFileUrl_SyncsLikeHttp(bool fileUrl)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        var bucket = new TestBucket().Put("GHSA-0001", TestBucket.Day(1)).Publish();
        bucket.WriteTo(temp.Path);
        var location = fileUrl ? new Uri(temp.Path).AbsoluteUri : temp.Path;

        var first = await SyncAsync(database, location, StartClock());
        bucket.Put("GHSA-0002", TestBucket.Day(2)).Publish();
        bucket.WriteTo(temp.Path);
        var second = await SyncAsync(database, location, StartClock());
        var third = await SyncAsync(database, location, StartClock());

        Assert.Equal((SyncKind.Full, 1), (first.Kind, first.Outcome.Added));
        Assert.Equal((SyncKind.Incremental, 1), (second.Kind, second.Outcome.Added));
        Assert.Equal(SyncKind.NotModified, third.Kind);
    }

    [Theory]
    [InlineData("program")]
    [InlineData("import")]
    [InlineData("Upper")]
    [InlineData("")]
    public async Task Execute_ReservedOrBadSourceName_Refused(string name)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        await Assert.ThrowsAsync<SyncFailedException>(
            () => SyncAsync(database, "http://127.0.0.1:9/osv", StartClock(), name: name));
    }
}
