using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Data;
using Vigil.Core.Matching;
using static Vigil.Core.Tests.Matching.AffectedIndexTests;

namespace Vigil.Core.Tests.Matching;

/// <summary>The per-snapshot (ecosystem, name, version) match cache behind npm bulk and OSV querybatch.</summary>
public class VersionMatchesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Query_CachedVersionThenRangeUpdated_SeesTheUpdateAtOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var index = new AffectedIndex(database.Target, new FakeTimeProvider(), TimeSpan.Zero);
        await Upsert(database, Sample("VIGIL-1", "left-pad", "<1.2.3", modifiedDay: 1));
        Assert.Equal(["VIGIL-1"], await Ids(database, index, "left-pad", "1.2.2"));
        Assert.Equal(["VIGIL-1"], await Ids(database, index, "left-pad", "1.2.2"));
        Assert.Equal(1, (await index.CurrentAsync(Ct)).CachedVersionMatches);

        await Upsert(database, Sample("VIGIL-1", "left-pad", "<1.2.0", modifiedDay: 2));
        Assert.Empty(await Ids(database, index, "left-pad", "1.2.2"));
        await Upsert(database, Sample("VIGIL-2", "left-pad", "1.2.2", modifiedDay: 3));
        Assert.Equal(["VIGIL-2"], await Ids(database, index, "left-pad", "1.2.2"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Query_MoreVersionsThanTheBound_CacheStaysWithinItAndAnswersStayRight(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var index = new AffectedIndex(database.Target, new FakeTimeProvider(), TimeSpan.Zero, matchCacheEntries: 3);
        await Upsert(database, Sample("VIGIL-1", "left-pad", "<1.5.0", modifiedDay: 1));

        for (var minor = 0; minor < 10; minor++)
        {
            var expected = minor < 5 ? ["VIGIL-1"] : Array.Empty<string>();
            Assert.Equal(expected, await Ids(database, index, "left-pad", $"1.{minor}.0"));
            Assert.InRange((await index.CurrentAsync(Ct)).CachedVersionMatches, 1, 3);
        }
        Assert.Equal(["VIGIL-1"], await Ids(database, index, "left-pad", "1.0.0"));
    }

    // A query for several versions answers every advisory that affects any of them, once, in id order,
    // with the cache on or off.
    [Theory]
    [InlineData(0, new[] { "1.0.0" }, new[] { "VIGIL-1", "VIGIL-3" })]
    [InlineData(0, new[] { "1.0.0", "2.0.0" }, new[] { "VIGIL-1", "VIGIL-2", "VIGIL-3" })]
    [InlineData(0, new[] { "2.0.0", "1.0.0", "2.0.0" }, new[] { "VIGIL-1", "VIGIL-2", "VIGIL-3" })]
    [InlineData(0, new[] { "3.0.0", "not-semver" }, new string[0])]
    [InlineData(0, new string[0], new string[0])]
    [InlineData(100, new[] { "1.0.0" }, new[] { "VIGIL-1", "VIGIL-3" })]
    [InlineData(100, new[] { "1.0.0", "2.0.0" }, new[] { "VIGIL-1", "VIGIL-2", "VIGIL-3" })]
    [InlineData(100, new[] { "2.0.0", "1.0.0", "2.0.0" }, new[] { "VIGIL-1", "VIGIL-2", "VIGIL-3" })]
    [InlineData(100, new[] { "3.0.0", "not-semver" }, new string[0])]
    [InlineData(100, new string[0], new string[0])]
    public async Task Query_SeveralVersions_UnionInIdOrder(int cacheEntries, string[] versions, string[] expected)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var index = new AffectedIndex(database.Target, new FakeTimeProvider(), TimeSpan.Zero, cacheEntries);
        await Upsert(database,
            Sample("VIGIL-3", "left-pad", "<1.5.0", modifiedDay: 1),
            Sample("VIGIL-1", "left-pad", "1.0.0 || 2.0.0", modifiedDay: 1),
            Sample("VIGIL-2", "left-pad", ">=2.0.0 <3.0.0", modifiedDay: 1));

        Assert.Equal(expected, await Ids(database, index, "left-pad", versions));
        Assert.Equal(expected, await Ids(database, index, "left-pad", versions));
    }
}
