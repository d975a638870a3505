using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;
using Vigil.Core.Sync;

namespace Vigil.Core.Tests.Sync;

/// <summary>The sync status page's facts: the states joined with the schedule, and when each source runs
/// next.</summary>
public class GetSyncOverviewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static SyncScheduleOptions Schedule(int minutes) => new()
    {
        IntervalMinutes = minutes,
        Sources = [
            new SyncSourceOptions { Name = "upstream", Location = "https://osv-bucket.example/",
                Ecosystems = ["npm", "NuGet"] }],
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_ScheduleAndStates_NextRunIsAnIntervalAfterTheLastOrNow(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await StoreAsync(database, "upstream", "npm", Now.AddMinutes(-20));
        await StoreAsync(database, "old-mirror", "npm", Now.AddDays(-3));

        var overview = await OverviewAsync(database, Actor.User(Guid.NewGuid(), isInstanceAdmin: true), Schedule(60));

        Assert.Equal(60, overview.IntervalMinutes);
        Assert.Equal(
            [("old-mirror", "npm", false, true, (DateTimeOffset?)null), ("upstream", "NuGet", true, false, Now),
                ("upstream", "npm", true, true, Now.AddMinutes(40))],
            overview.Rows.Select(r => (r.Source, r.Ecosystem, r.Scheduled, r.State is not null, r.NextRunAt)));
    }

    [Fact]
    public async Task Execute_ScheduleOff_NothingIsDue()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var overview = await OverviewAsync(database, Actor.System, Schedule(0));

        Assert.All(overview.Rows, r => Assert.Null(r.NextRunAt));
        Assert.Equal(2, overview.Rows.Count);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Execute_NotAnInstanceAdminWithTwoFactors_NotFound(bool instanceAdmin, bool twoFactor)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        await Assert.ThrowsAsync<NotFoundException>(
            () => OverviewAsync(database, Actor.User(Guid.NewGuid(), instanceAdmin, twoFactor), Schedule(60)));
    }

    private static async Task<SyncOverview> OverviewAsync(TestDatabase database, Actor actor,
        SyncScheduleOptions schedule)
    {
        await using var db = database.Open();
        return await new GetSyncOverview(new GetSyncStatus(db), new FakeTimeProvider(Now)).ExecuteAsync(actor, schedule,
            Ct);
    }

    private static async Task StoreAsync(TestDatabase database, string source, string ecosystem, DateTimeOffset lastRun)
    {
        await using var db = database.Open();
        db.Add(
            new SyncStateEntity
            {
                Source = source,
                Ecosystem = ecosystem,
                BaseUrl = "https://osv-bucket.example/",
                LastRunAt = lastRun
            });
        await db.SaveChangesAsync(Ct);
    }
}
