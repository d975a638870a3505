using Vigil.Core.Data;
using Vigil.Core.Sync;
using static Vigil.Core.Tests.Sync.SyncFixture;

namespace Vigil.Core.Tests.Sync;

/// <summary>Faults from the source: retried when a retry can cure them; otherwise the run fails whole and the next one
/// resumes.</summary>
public class RunSyncFaultTests
{
    private static TestBucket Three() =>
        new TestBucket().Put("GHSA-0001", TestBucket.Day(1)).Put("GHSA-0002", TestBucket.Day(2))
            .Put("GHSA-0003", TestBucket.Day(3)).Publish();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_ServerErrorsDroppedAndTruncatedZip_RetriedUntilGood(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = await BucketServer.StartAsync(Three());
        server.Inject("npm/all.zip", Fault.ServerError, Fault.DropMidBody, Fault.Truncated);

        var run = await SyncAsync(database, server.BaseUrl, StartClock());

        Assert.True(run.Succeeded, run.Error);
        Assert.Equal(3, run.Outcome.Added);
        Assert.Equal(4, server.Requests.Count(r => r == "npm/all.zip"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_ZipStaysTruncated_FailsWithNothingStoredAndNextRunResumes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = await BucketServer.StartAsync(Three());
        server.Inject("npm/all.zip", Fault.Truncated, Fault.Truncated, Fault.Truncated, Fault.Truncated);

        var failed = await SyncAsync(database, server.BaseUrl, StartClock());
        var failedState = await StateAsync(database);
        var stored = await AdvisoriesAsync(database);
        var next = await SyncAsync(database, server.BaseUrl, StartClock());

        Assert.False(failed.Succeeded);
        Assert.Contains("npm/all.zip: the download is not a readable zip", failed.Error);
        Assert.Empty(stored);
        Assert.Null(failedState!.LastModifiedSeen);
        Assert.Contains("not a readable zip", failedState.Error);
        Assert.True(next.Succeeded, next.Error);
        Assert.Equal((SyncKind.Full, 3), (next.Kind, next.Outcome.Added));
        Assert.Null((await StateAsync(database))!.Error);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_ListingNamesMissingRecord_FailsWholeRunKeepsLastGoodStateThenResumes(
        DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var bucket = Three();
        await using var server = await BucketServer.StartAsync(bucket);
        await SyncAsync(database, server.BaseUrl, StartClock());
        bucket.Put("GHSA-0001", TestBucket.Day(10), summary: "changed").Put("GHSA-0009", TestBucket.Day(11)).Publish();
        bucket.Files.TryRemove("npm/GHSA-0009.json", out var missing);

        var failed = await SyncAsync(database, server.BaseUrl, StartClock());
        var afterFailure = await AdvisoriesAsync(database);
        var failedState = await StateAsync(database);
        bucket.Files["npm/GHSA-0009.json"] = missing!;
        var next = await SyncAsync(database, server.BaseUrl, StartClock());

        Assert.False(failed.Succeeded);
        Assert.Contains("modified_id.csv line 1 lists GHSA-0009, but", failed.Error);
        Assert.Equal("Advisory GHSA-0001", afterFailure["GHSA-0001"].Summary);
        Assert.False(afterFailure.ContainsKey("GHSA-0009"));
        Assert.Equal(TestBucket.Day(3), failedState!.LastModifiedSeen);
        Assert.True(next.Succeeded, next.Error);
        Assert.Equal((1, 1), (next.Outcome.Added, next.Outcome.Updated));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_RecordFailsValidation_ReportedAndSkippedRestStored(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var bucket = Three();
        await using var server = await BucketServer.StartAsync(bucket);
        await SyncAsync(database, server.BaseUrl, StartClock());
        bucket.PutRaw("GHSA-0008", TestBucket.Day(8),
            """{"schema_version": "1.7.5", "id": "GHSA-0008", "modified": "not a date"}""")
            .Put("GHSA-0009", TestBucket.Day(9)).Publish();

        var run = await SyncAsync(database, server.BaseUrl, StartClock());

        Assert.True(run.Succeeded, run.Error);
        var problem = Assert.Single(run.Problems);
        Assert.EndsWith("npm/GHSA-0008.json", problem.Where);
        Assert.Contains("OSV", problem.Reason);
        Assert.Equal(1, run.Outcome.Added);
        Assert.Contains("GHSA-0008", (await StateAsync(database))!.Error);
    }

    [Fact]
    public async Task Execute_RecordOlderThanItsListing_FailsAsStaleCopy()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var bucket = Three();
        await using var server = await BucketServer.StartAsync(bucket);
        await SyncAsync(database, server.BaseUrl, StartClock());
        bucket.Put("GHSA-0002", TestBucket.Day(20)).Publish();
        bucket.Files["npm/GHSA-0002.json"] = System.Text.Encoding.UTF8.GetBytes(
            TestBucket.Record("GHSA-0002", TestBucket.Day(2), "npm", "left-pad", "old"));

        var run = await SyncAsync(database, server.BaseUrl, StartClock());

        Assert.False(run.Succeeded);
        Assert.Contains("a stale copy", run.Error);
    }

    [Fact]
    public async Task Execute_ListingCutMidLine_Fails()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var bucket = Three();
        await using var server = await BucketServer.StartAsync(bucket);
        await SyncAsync(database, server.BaseUrl, StartClock());
        bucket.Put("GHSA-0004", TestBucket.Day(4)).Publish();
        bucket.Files["npm/modified_id.csv"] = bucket.Files["npm/modified_id.csv"][..^5];

        var run = await SyncAsync(database, server.BaseUrl, StartClock());

        Assert.False(run.Succeeded);
        Assert.Contains("modified_id.csv: the file does not end with a newline (a truncated download?)", run.Error);
        Assert.Equal(4, server.Requests.Count(r => r == "npm/modified_id.csv"));
        Assert.Equal(3, (await AdvisoriesAsync(database)).Count);
    }

    [Fact]
    public async Task Execute_ServerDown_ReportsWhereAfterRetries()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await BucketServer.StartAsync(Three());
        server.Inject("npm/all.zip", Fault.ServerError, Fault.ServerError, Fault.ServerError, Fault.ServerError);

        var run = await SyncAsync(database, server.BaseUrl, StartClock());

        Assert.False(run.Succeeded);
        Assert.Contains("npm/all.zip: the server answered 503", run.Error);
        Assert.Equal(4, server.Requests.Count);
    }
}
