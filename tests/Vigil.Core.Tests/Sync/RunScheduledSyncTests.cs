using Vigil.Core.Data;
using Vigil.Core.Sync;
using static Vigil.Core.Tests.Sync.SyncFixture;

namespace Vigil.Core.Tests.Sync;

public class RunScheduledSyncTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_TwoInstancesSameInstant_RunsOnceThenAgainAfterTheInterval(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var bucket = new TestBucket().Put("GHSA-0001", TestBucket.Day(1)).Publish();
        await using var server = await BucketServer.StartAsync(bucket);
        var schedule = new SyncScheduleOptions
        {
            IntervalMinutes = 60,
            Sources = [new SyncSourceOptions { Name = "upstream", Location = server.BaseUrl, Ecosystems = ["npm"] }],
        };
        var time = StartClock();

        var first = await PassAsync(database, schedule, time);
        var second = await PassAsync(database, schedule, time);
        time.Advance(TimeSpan.FromMinutes(20));
        var early = await PassAsync(database, schedule, time);
        time.Advance(TimeSpan.FromMinutes(40));
        var next = await PassAsync(database, schedule, time);

        Assert.Equal(SyncKind.Full, Assert.Single(first).Kind);
        Assert.Empty(second);
        Assert.Empty(early);
        Assert.Equal(SyncKind.Incremental, Assert.Single(next).Kind);
        Assert.Equal(1, server.Requests.Count(r => r == "npm/all.zip"));
    }

    private static async Task<IReadOnlyList<SyncRunResult>> PassAsync(TestDatabase database,
        SyncScheduleOptions schedule, TimeProvider time)
    {
        await using var db = database.Open();
        return await new RunScheduledSync(db, time, new RunSync(db, time, Options)).ExecuteAsync(schedule,
            TestContext.Current.CancellationToken);
    }
}
