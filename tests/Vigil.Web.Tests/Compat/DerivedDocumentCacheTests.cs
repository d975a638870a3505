using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using Vigil.Web.Compat;
using Vigil.Web.Tests.Compat.NuGet;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat;

public class DerivedDocumentCacheTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GetAsync_SameStamp_BuildsOnceUntilAnAdvisoryChanges(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var cache = new DerivedDocumentCache(new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        var builds = 0;

        await GetAsync(cache, db, "a", () => builds++);
        await GetAsync(cache, db, "a", () => builds++);
        Assert.Equal(1, builds);

        await Advisories.SeedAsync(database.Target,
            [NuGetAdvisories.Make("VIGIL-NUGET-1", "Contoso.Lib", "LOW", "introduced:0")]);
        await GetAsync(cache, db, "a", () => builds++);
        Assert.Equal(2, builds);

        await Advisories.SeedAsync(database.Target,
            [NuGetAdvisories.Make("VIGIL-NUGET-1", "Contoso.Lib", "LOW", "introduced:0",
            withdrawn: NuGetAdvisories.Modified.AddDays(1), modified: NuGetAdvisories.Modified.AddDays(1))]);
        await GetAsync(cache, db, "a", () => builds++);
        Assert.Equal(3, builds);
    }

    [Fact]
    public async Task GetAsync_OtherVariant_Rebuilds()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.Open();
        var cache = new DerivedDocumentCache(new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        var builds = 0;

        await GetAsync(cache, db, "http://a", () => builds++);
        await GetAsync(cache, db, "http://b", () => builds++);

        Assert.Equal(2, builds);
    }

    // The stamp cannot see an advisory re-stored with an older `modified`; the age bound covers that.
    [Theory]
    [InlineData(59, 1)]
    [InlineData(60, 2)]
    public async Task GetAsync_AfterMaxAge_Rebuilds(int seconds, int expectedBuilds)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.Open();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var cache = new DerivedDocumentCache(time);
        var builds = 0;

        await GetAsync(cache, db, "a", () => builds++);
        time.Advance(TimeSpan.FromSeconds(seconds));
        await GetAsync(cache, db, "a", () => builds++);

        Assert.Equal(expectedBuilds, builds);
    }

    private static Task<string> GetAsync(DerivedDocumentCache cache, VigilDbContext db, string variant, Action built) =>
        cache.GetAsync("test", variant, db, _ =>
        {
            built();
            return Task.FromResult("built");
        }, WebTest.Ct);
}
