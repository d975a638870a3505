using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Matching;

namespace Vigil.Core.Tests.Matching;

public class AffectedIndexTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Query_AdvisoryAddedLater_SeenOnlyAfterTheRefreshInterval(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider();
        var index = new AffectedIndex(database.Target, time, TimeSpan.FromSeconds(2));
        await Upsert(database, Sample("VIGIL-1", "left-pad", "<1.2.3", modifiedDay: 1));

        Assert.Equal(["VIGIL-1"], await Ids(database, index, "left-pad", "1.0.0"));
        await Upsert(database, Sample("VIGIL-2", "left-pad", ">=1.0.0 <1.1.0", modifiedDay: 2));

        Assert.Equal(["VIGIL-1"], await Ids(database, index, "left-pad", "1.0.0"));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(["VIGIL-1", "VIGIL-2"], await Ids(database, index, "left-pad", "1.0.0"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Query_WithdrawnAndUpdatedRanges_FollowTheDatabase(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var index = new AffectedIndex(database.Target, new FakeTimeProvider(), TimeSpan.Zero);
        await Upsert(database, Sample("VIGIL-1", "left-pad", "<1.2.3", modifiedDay: 1));
        Assert.Equal(["VIGIL-1"], await Ids(database, index, "left-pad", "1.2.2"));

        await Upsert(database, Sample("VIGIL-1", "left-pad", "<1.2.0", modifiedDay: 2));
        Assert.Empty(await Ids(database, index, "left-pad", "1.2.2"));

        var withdrawn = Sample("VIGIL-1", "left-pad", "<1.2.0", modifiedDay: 3);
        withdrawn.Withdrawn = withdrawn.Modified;
        await Upsert(database, withdrawn);
        Assert.Empty(await Ids(database, index, "left-pad", "1.0.0"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cwe_FromDatabaseSpecific_ReadWithoutTheDocument(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var index = new AffectedIndex(database.Target, new FakeTimeProvider(), TimeSpan.Zero);
        var withCwe = Sample("VIGIL-1", "left-pad", "<1.2.3", modifiedDay: 1);
        withCwe.DatabaseSpecific = new() { ["cwe_ids"] = new System.Text.Json.Nodes.JsonArray("CWE-79", "CWE-1321") };
        var scalarCwe = Sample("VIGIL-2", "left-pad", "<1.2.3", modifiedDay: 1);
        scalarCwe.DatabaseSpecific = new() { ["cwe_ids"] = "CWE-79" };
        await Upsert(database, withCwe, scalarCwe);
        await using var db = database.Open();
        var query = new QueryAffecting(db, index);

        var numbers = (await query.ExecuteAsync([new PackageQuery("npm", "left-pad", null)], Ct))[0]
            .ToDictionary(m => m.Id, m => m.AdvisoryNumber);
        var cwe = await query.CweAsync(await query.SnapshotAsync(Ct), numbers.Values, Ct);

        Assert.Equal(["CWE-79", "CWE-1321"], cwe[numbers["VIGIL-1"]]);
        Assert.Empty(cwe[numbers["VIGIL-2"]]);
    }

    internal static async Task<List<string>> Ids(TestDatabase database, AffectedIndex index, string name,
        params string[] versions)
    {
        await using var db = database.Open();
        var matches = await new QueryAffecting(db, index).ExecuteAsync([new PackageQuery("npm", name, versions)], Ct);
        return matches[0].Select(m => m.Id).ToList();
    }

    internal static async Task Upsert(TestDatabase database, params OsvVulnerability[] advisories)
    {
        await using var db = database.Open();
        await new UpsertAdvisories(db, TimeProvider.System)
            .ExecuteAsync(advisories.Select(a => new AdvisoryToStore(a, "test")).ToList(), Ct);
    }

    internal static OsvVulnerability Sample(string id, string package, string npmRange, int modifiedDay) => new()
    {
        SchemaVersion = OsvVulnerability.CurrentSchemaVersion,
        Id = id,
        Modified = new DateTimeOffset(2024, 1, modifiedDay, 0, 0, 0, TimeSpan.Zero),
        Summary = "Prototype pollution",
        Affected =
        [
            new OsvAffected
            {
                Package = new OsvPackage { Ecosystem = "npm", Name = package },
                DatabaseSpecific = new() { ["vulnerable_versions"] = npmRange },
            },
        ],
    };
}
