using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Audit;
using Vigil.Core.Data;
using Vigil.Core.Imports;
using Vigil.Core.Matching;
using Vigil.Lockfiles;

namespace Vigil.Core.Tests.Audit;

/// <summary>
/// One vulnerability under two ids (docs/sync.md): the real Node.js WG record NSWG-ECO-330 (jquery
/// <c>=3.0.0-rc.1</c>, CVE-2016-10707, imported by hand from the WG data) and the real GitHub record
/// GHSA-mhpp-875w-9cpv (jquery <c>&gt;=2.1.1-0 &lt;3.0.0</c>, the same CVE, mirrored) are reported once by
/// <c>vigil audit</c> and by the APIs' matching: by the preferred record where both match, by the other where
/// only it matches.
/// </summary>
public class DuplicateIdsAuditTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Wg = "NSWG-ECO-330";
    private const string Ghsa = "GHSA-mhpp-875w-9cpv";

    /// <summary>The WG data holds other jquery advisories (NSWG-ECO-328 affects 2.2.0 too): the tests look at these
    /// two.</summary>
    private static readonly string[] Twins = [Wg, Ghsa];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_BothRecordsMatch_ReportsThePreferredOnce(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider, ghsaOrigin: "upstream");

        Assert.Equal([Wg], await AuditAsync(database, "3.0.0-rc.1"));
        // Only the GitHub record's range holds 2.2.0: it is reported, under its own id.
        Assert.Equal([Ghsa], await AuditAsync(database, "2.2.0"));
        Assert.Empty(await AuditAsync(database, "3.0.0"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_GitHubRecordPublishedHere_IsPreferred(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider, ghsaOrigin: AdvisoryOrigin.Program);

        Assert.Equal([Ghsa], await AuditAsync(database, "3.0.0-rc.1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_WithoutTheWgRecord_ReportsTheGitHubRecord(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await StoreGhsaAsync(database, "upstream");

        Assert.Equal([Ghsa], await AuditAsync(database, "3.0.0-rc.1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Index_BothRecordsMatch_AnswersThePreferredOnce(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider, ghsaOrigin: "upstream");
        var index = new AffectedIndex(database.Target, TimeProvider.System, TimeSpan.Zero);
        await using var db = database.Open();
        var query = new QueryAffecting(db, index);

        var answers = await query.ExecuteAsync(
        [
            new PackageQuery("npm", "jquery", ["3.0.0-rc.1"]),
            new PackageQuery("npm", "jquery", ["2.2.0"]),
            new PackageQuery("npm", "jquery", ["2.2.0", "3.0.0-rc.1"]),
            new PackageQuery("npm", "jquery", null),
            new PackageQuery(null, "jquery", ["3.0.0-rc.1"]),
        ], Ct);

        var jqueryIds = answers.Select(a => a.Select(m => m.Id).Where(Twins.Contains).Distinct().ToList()).ToList();
        Assert.Equal([Wg], jqueryIds[0]);
        Assert.Equal([Ghsa], jqueryIds[1]);
        // Per version: 2.2.0 is affected only by the GitHub record, 3.0.0-rc.1 by both (reported by the WG's).
        Assert.Equal([Ghsa, Wg], jqueryIds[2]);
        // Every version of the package: both match, the preferred answers.
        Assert.Equal([Wg], jqueryIds[3]);
        Assert.Equal([Wg], jqueryIds[4]);
    }

    private static async Task<TestDatabase> SeededAsync(DatabaseProvider provider, string ghsaOrigin)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
        {
            var summary = await new ImportAdvisories(db, TimeProvider.System, ImportOptions.Default)
                .ExecuteAsync([SharedData.Path("data", "nodejs-security-wg", "vuln", "npm")], cancellationToken: Ct);
            Assert.True(summary.Problems.Count == 0, string.Join("\n", summary.Problems));
        }
        await StoreGhsaAsync(database, ghsaOrigin);
        return database;
    }

    /// <summary>The real GitHub record, as osv.dev's GHSA converter writes it (its test data).</summary>
    private static async Task StoreGhsaAsync(TestDatabase database, string origin)
    {
        var path = SharedData.Path("specs", "osv", "ghsa-converter-testdata", "npm_greater_than.osv.json");
        var ghsa = OsvJson.Deserialize(await File.ReadAllTextAsync(path, Ct));
        Assert.Equal(Ghsa, ghsa.Id);
        await using var db = database.Open();
        await new UpsertAdvisories(db, TimeProvider.System)
            .ExecuteAsync([new AdvisoryToStore(ghsa, "osv", Origin: origin)], Ct);
    }

    private static async Task<List<string>> AuditAsync(TestDatabase database, string jqueryVersion)
    {
        using var directory = new TempLockfile(jqueryVersion);
        var lockfile = LockfileReaders.Read(directory.LockfilePath);
        await using var db = database.Open();
        var report = await new AuditPackages(db).ExecuteAsync([lockfile], new AuditOptions(), Ct);
        return report.Findings.Where(f => f.Package == "jquery" && Twins.Contains(f.Id)).Select(f => f.Id).ToList();
    }

    private sealed class TempLockfile : IDisposable
    {
        private readonly TempDirectory _directory = new("vigil-twins-");

        public TempLockfile(string jqueryVersion)
        {
            LockfilePath = _directory.Write("package-lock.json", $$"""
                {
                  "name": "twins", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
                  "packages": {
                    "": { "name": "twins", "version": "1.0.0", "dependencies": { "jquery": "{{jqueryVersion}}" } },
                    "node_modules/jquery": { "version": "{{jqueryVersion}}" }
                  }
                }
                """);
        }

        public string LockfilePath { get; }

        public void Dispose() => _directory.Dispose();
    }
}
