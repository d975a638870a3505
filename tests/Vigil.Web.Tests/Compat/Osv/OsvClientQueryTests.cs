using Vigil.Core.Data;
using Vigil.Core.Imports;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Osv;

/// <summary>What OSV clients send beyond a plain npm query: the Node.js runtime, NuGet casing, commit with
/// version.</summary>
public class OsvClientQueryTests
{
    private static async Task<WebTest> WithWgCoreAsync(DatabaseProvider provider)
    {
        var test = await WebTest.StartAsync(provider);
        await using var db = test.OpenDatabase();
        var summary = await new ImportAdvisories(db, TimeProvider.System, ImportOptions.Default)
            .ExecuteAsync([SharedData.Path("data", "nodejs-security-wg", "vuln")], cancellationToken: WebTest.Ct);
        Assert.Empty(summary.Problems);
        return test;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, """{"package":{"ecosystem":"Bitnami","name":"node"},"version":"18.9.0"}""",
        true)]
    [InlineData(DatabaseProvider.Sqlite, """{"package":{"purl":"pkg:bitnami/node@18.9.0"}}""", true)]
    [InlineData(DatabaseProvider.Sqlite, """{"package":{"ecosystem":"Bitnami","name":"node"},"version":"18.9.1"}""",
        false)]
    [InlineData(DatabaseProvider.Postgres, """{"package":{"ecosystem":"Bitnami","name":"node"},"version":"18.9.0"}""",
        true)]
    public async Task Query_NodeRuntimeVersion_FindsTheCoreAdvisoriesItIsVulnerableTo(DatabaseProvider provider,
        string request, bool expectCor100)
    {
        await using var test = await WithWgCoreAsync(provider);

        var (status, body) = await test.PostJsonAsync("/v1/query", request);

        Assert.Equal(200, status);
        var ids = body!["vulns"]!.AsArray().Select(v => (string)v!["id"]!).ToList();
        // NSWG-COR-100 (CVE-2022-35256): vulnerable 14.x || 16.x || 18.x, patched ^14.20.1 || ^16.17.1 || ^18.9.1.
        Assert.Equal(expectCor100, ids.Contains("NSWG-COR-100"));
        Assert.All(ids, id => Assert.StartsWith("NSWG-COR-", id, StringComparison.Ordinal));
        Assert.All(body["vulns"]!.AsArray(),
            v => Assert.Equal("pkg:bitnami/node", (string)v!["affected"]![0]!["package"]!["purl"]!));
    }

    [Fact]
    public async Task Query_NpmPackageNamedNode_DoesNotFindCoreAdvisories()
    {
        await using var test = await WithWgCoreAsync(DatabaseProvider.Sqlite);

        var (status, body) = await test.PostJsonAsync("/v1/query",
            """{"package":{"ecosystem":"npm","name":"node"},"version":"18.0.0"}""");

        Assert.Equal(200, status);
        Assert.Null(body!["vulns"]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "/v1/query",
        """{"package":{"ecosystem":"NuGet","name":"newtonsoft.json"},"version":"12.0.0"}""")]
    [InlineData(DatabaseProvider.Sqlite, "/v1/query", """{"package":{"purl":"pkg:nuget/NEWTONSOFT.JSON@12.0.0"}}""")]
    [InlineData(DatabaseProvider.Postgres, "/v1/query",
        """{"package":{"ecosystem":"NuGet","name":"NewtonSoft.Json"},"version":"12.0.0"}""")]
    [InlineData(DatabaseProvider.Sqlite, "/v1/querybatch",
        """{"queries":[{"package":{"ecosystem":"NuGet","name":"newtonsoft.json"},"version":"12.0.0"}]}""")]
    public async Task Query_NuGetNameInAnotherCase_MatchesAsNuGetDoes(DatabaseProvider provider, string path,
        string request)
    {
        await using var test = await WebTest.StartAsync(provider);
        await Advisories.SeedAsync(test.Target,
            [Advisories.Made("GHSA-5crp-9r3c-p9vr", "NuGet", "Newtonsoft.Json", "0", "13.0.1")]);

        var (status, body) = await test.PostJsonAsync(path, request);

        Assert.Equal(200, status);
        var vulns = path.EndsWith("batch", StringComparison.Ordinal) ? body!["results"]![0]!["vulns"] : body!["vulns"];
        Assert.Equal("GHSA-5crp-9r3c-p9vr", (string)vulns!.AsArray().Single()!["id"]!);
    }

    [Fact]
    public async Task Query_NpmNameInAnotherCase_StillDoesNotMatch()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var (status, body) = await test.PostJsonAsync("/v1/query",
            """{"package":{"ecosystem":"npm","name":"MINIMIST"},"version":"0.0.8"}""");

        Assert.Equal(200, status);
        Assert.Null(body!["vulns"]);
    }

    [Theory]
    [InlineData("/v1/query", """
        {"commit":"6879efc2c1596d11a6a6ad296f80063b558d5e0f","version":"1.0.0","package":{"ecosystem":"npm","name":"minimist"}}
        """, "commit and version both specified")]
    [InlineData("/v1/querybatch",
        """{"queries":[{"commit":"6879efc2c1596d11a6a6ad296f80063b558d5e0f","version":"1.0.0"}]}""",
        "error in query at index 0: commit and version both specified")]
    public async Task Query_CommitAndVersion_Refused(string path, string request, string message)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var (status, body) = await test.PostJsonAsync(path, request);

        Assert.Equal(400, status);
        Assert.Equal(3, (int)body!["code"]!);
        Assert.StartsWith(message, (string)body["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vulns_StoredWithoutPurl_ServedWithPurl()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var (status, body) = await test.GetAsync("/v1/vulns/GHSA-p8p7-x288-28g6");

        Assert.Equal(200, status);
        var purls = body!["affected"]!.AsArray().Select(a => (string)a!["package"]!["purl"]!).ToList();
        Assert.Equal(["pkg:npm/request", "pkg:npm/%40cypress/request"], purls);
    }
}
