using System.Text.Json.Nodes;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Imports;
using Vigil.Web.Tests.Compat.Npm;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat;

/// <summary>
/// One vulnerability under two ids (docs/sync.md, docs/api.md) through the real app: the Node.js WG data imported
/// by hand (NSWG-ECO-330: jquery <c>=3.0.0-rc.1</c>, CVE-2016-10707) and the real GitHub record of the same CVE
/// mirrored from a source (GHSA-mhpp-875w-9cpv: jquery <c>&gt;=2.1.1-0 &lt;3.0.0</c>, from osv's GHSA converter
/// test data). Where both match, npm's bulk and v6 endpoints, OSV's query and querybatch and real npm report the
/// WG record only; where only the GitHub record matches (2.2.0), it is reported.
/// </summary>
public class DuplicateIdsTests
{
    private const string Wg = "NSWG-ECO-330";
    private const string Ghsa = "GHSA-mhpp-875w-9cpv";

    /// <summary>The WG data holds other jquery advisories (NSWG-ECO-328 affects 2.2.0 too): the tests look at these
    /// two.</summary>
    private static readonly string[] Twins = [Wg, Ghsa];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NpmBulk_BothRecordsMatch_AnswersTheWgRecordOnly(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);

        Assert.Equal([Wg], await BulkAsync(test, "3.0.0-rc.1"));
        Assert.Equal([Ghsa], await BulkAsync(test, "2.2.0"));
        // Two installed versions: each is answered by one record, so both ids appear, once each.
        Assert.Equal([Ghsa, Wg], await BulkAsync(test, "2.2.0", "3.0.0-rc.1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NpmAuditsQuick_BothRecordsMatch_ReportsTheWgRecordOnce(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);
        var tree = """
            {"name":"twins","version":"1.0.0","requires":{"jquery":"3.0.0-rc.1"},"dependencies":{"jquery":{"version":"3.0.0-rc.1"}}}
            """;

        var (status, report) = await test.PostJsonAsync("/-/npm/v1/security/audits/quick", tree);

        Assert.Equal(200, status);
        var ids = report!["advisories"]!.AsObject().Select(a => IdOf((string)a.Value!["url"]!)).Where(Twins.Contains)
            .ToList();
        Assert.Equal([Wg], ids);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OsvQueryAndBatch_BothRecordsMatch_AnswerTheWgRecordOnly(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);
        static string Query(string? version) => version is null
            ? """{"package":{"ecosystem":"npm","name":"jquery"}}"""
            : $$"""{"package":{"ecosystem":"npm","name":"jquery"},"version":"{{version}}"}""";

        var (status, one) = await test.PostJsonAsync("/v1/query", Query("3.0.0-rc.1"));
        var (batchStatus, batch) = await test.PostJsonAsync("/v1/querybatch",
            $$"""{"queries":[{{Query("3.0.0-rc.1")}},{{Query("2.2.0")}},{{Query(null)}}]}""");

        Assert.Equal(200, status);
        var vulns = one!["vulns"]!.AsArray().Where(v => Twins.Contains((string)v!["id"]!)).ToList();
        // The preferred record as stored: its aliases name the CVE the two records share.
        Assert.Equal([Wg], vulns.Select(v => (string)v!["id"]!));
        Assert.Equal(["CVE-2016-10707"], vulns[0]!["aliases"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(200, batchStatus);
        var results = batch!["results"]!.AsArray()
            .Select(r => r!["vulns"]?.AsArray().Select(v => (string)v!["id"]!).Where(Twins.Contains).ToList() ?? [])
            .ToList();
        Assert.Equal([Wg], results[0]);
        Assert.Equal([Ghsa], results[1]);
        Assert.Equal([Wg], results[2]);
        // The other record is still served by its id.
        var (vulnStatus, ghsa) = await test.GetAsync($"/v1/vulns/{Ghsa}");
        Assert.Equal(200, vulnStatus);
        Assert.Equal(Ghsa, (string)ghsa!["id"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RealNpmAudit_BothRecordsMatch_ReportsTheWgRecordOnce(DatabaseProvider provider)
    {
        var npm = PackageManager.Npm11();
        await using var vigil = await LoopbackVigil.StartAsync(provider);
        await SeedAsync(vigil.Target);
        var project = Directory.CreateDirectory(Path.Combine(vigil.Work, "project")).FullName;
        await File.WriteAllTextAsync(Path.Combine(project, "package.json"),
            """{"name":"twins","version":"1.0.0","dependencies":{"jquery":"3.0.0-rc.1"}}""", WebTest.Ct);
        await File.WriteAllTextAsync(Path.Combine(project, "package-lock.json"), """
            {"name":"twins","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{
              "":{"name":"twins","version":"1.0.0","dependencies":{"jquery":"3.0.0-rc.1"}},
              "node_modules/jquery":{"version":"3.0.0-rc.1","resolved":"https://registry.invalid/jquery/-/jquery-3.0.0-rc.1.tgz"}}}
            """, WebTest.Ct);

        var (exitCode, stdout, stderr) = await npm.RunAsync(project, vigil.Work, "audit", "--json", "--registry",
            vigil.Url + "/");

        Assert.True(exitCode == 1, $"{npm.Label} exited {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        var via = JsonNode.Parse(stdout)!["vulnerabilities"]!["jquery"]!["via"]!.AsArray().OfType<JsonObject>();
        Assert.Equal([Wg], via.Select(v => IdOf((string)v["url"]!)).Where(Twins.Contains));
    }

    private static async Task<List<string>> BulkAsync(WebTest test, params string[] versions)
    {
        var body = new JsonObject { ["jquery"] = new JsonArray([.. versions.Select(v => (JsonNode?)v)]) };
        var (status, answer) = await test.PostJsonAsync("/-/npm/v1/security/advisories/bulk", body.ToJsonString());
        Assert.Equal(200, status);
        return answer!["jquery"]!.AsArray().Select(a => IdOf((string)a!["url"]!)).Where(Twins.Contains).Distinct()
            .Order(StringComparer.Ordinal).ToList();
    }

    private static string IdOf(string url) => url[(url.LastIndexOf('/') + 1)..];

    private static async Task<WebTest> StartAsync(DatabaseProvider provider)
    {
        var test = await WebTest.StartAsync(provider, seed: false);
        await SeedAsync(test.Target);
        return test;
    }

    /// <summary>The WG data imported by hand; the GitHub record stored as a sync source named "upstream" stores
    /// it.</summary>
    private static async Task SeedAsync(DatabaseTarget target)
    {
        await using var db = VigilDatabase.Open(target);
        var wg = SharedData.Path("data", "nodejs-security-wg", "vuln", "npm");
        var summary = await new ImportAdvisories(db, TimeProvider.System, ImportOptions.Default)
            .ExecuteAsync([wg], cancellationToken: WebTest.Ct);
        Assert.True(summary.Problems.Count == 0, string.Join("\n", summary.Problems));
        var ghsa = OsvJson.Deserialize(await File.ReadAllTextAsync(
            SharedData.Path("specs", "osv", "ghsa-converter-testdata", "npm_greater_than.osv.json"), WebTest.Ct));
        Assert.Equal(Ghsa, ghsa.Id);
        await new UpsertAdvisories(db, TimeProvider.System)
            .ExecuteAsync([new AdvisoryToStore(ghsa, "osv", Origin: "upstream")], WebTest.Ct);
    }
}
