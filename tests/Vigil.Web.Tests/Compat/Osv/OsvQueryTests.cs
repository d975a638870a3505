using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Osv;

public class OsvQueryTests
{
    public static TheoryData<DatabaseProvider, string, string[]> Matches => new()
    {
        // npm: exact npm ranges, as the audit matches; the withdrawn VIGIL-WITHDRAWN-1 (<9.9.9) never appears.
        { DatabaseProvider.Sqlite, """{"package":{"ecosystem":"npm","name":"minimist"},"version":"0.0.8"}""",
            ["GHSA-vh95-rmgr-6w4m", "GHSA-xvch-5gv4-984h"] },
        { DatabaseProvider.Sqlite, """{"package":{"purl":"pkg:npm/minimist@1.2.5"}}""", ["GHSA-xvch-5gv4-984h"] },
        { DatabaseProvider.Sqlite, """{"package":{"purl":"pkg:npm/minimist"},"version":"1.2.5"}""",
            ["GHSA-xvch-5gv4-984h"] },
        { DatabaseProvider.Sqlite, """{"package":{"ecosystem":"npm","name":"minimist"}}""",
            ["GHSA-vh95-rmgr-6w4m", "GHSA-xvch-5gv4-984h"] },
        { DatabaseProvider.Sqlite, """{"package":{"name":"minimist"},"version":"1.2.2"}""",
            ["GHSA-vh95-rmgr-6w4m", "GHSA-xvch-5gv4-984h"] },
        { DatabaseProvider.Sqlite, """{"package":{"purl":"pkg:npm/%40cypress/request@2.88.11"}}""",
            ["GHSA-p8p7-x288-28g6"] },
        { DatabaseProvider.Sqlite, """{"package":{"ecosystem":"npm","name":"request"},"version":"2.88.2"}""",
            ["GHSA-p8p7-x288-28g6"] },
        // Other ecosystems: OSV range evaluation.
        { DatabaseProvider.Sqlite, """{"package":{"ecosystem":"PyPI","name":"django"},"version":"4.1"}""",
            ["PYSEC-2026-1"] },
        { DatabaseProvider.Postgres, """{"package":{"ecosystem":"npm","name":"minimist"},"version":"0.0.8"}""",
            ["GHSA-vh95-rmgr-6w4m", "GHSA-xvch-5gv4-984h"] },
        { DatabaseProvider.Postgres, """{"package":{"purl":"pkg:npm/%40cypress/request@2.88.11"}}""",
            ["GHSA-p8p7-x288-28g6"] },
        { DatabaseProvider.Postgres, """{"package":{"ecosystem":"PyPI","name":"django"},"version":"4.1"}""",
            ["PYSEC-2026-1"] },
    };

    [Theory]
    [MemberData(nameof(Matches))]
    public async Task Query_AffectedVersion_ReturnsFullOsvEntries(DatabaseProvider provider, string request,
        string[] expectedIds)
    {
        await using var test = await WebTest.StartAsync(provider);

        var (status, body) = await test.PostJsonAsync("/v1/query", request);

        Assert.Equal(200, status);
        var vulns = body!["vulns"]!.AsArray().Select(v => WebTest.Osv(v!)).ToList();
        Assert.Equal(expectedIds, vulns.Select(v => v.Id));
        Assert.All(vulns, v => Assert.NotNull(v.Affected)); // the full document, not just id + modified
    }

    public static TheoryData<DatabaseProvider, string> Empty => new()
    {
        { DatabaseProvider.Sqlite, """{"package":{"ecosystem":"npm","name":"minimist"},"version":"1.2.8"}""" },
        { DatabaseProvider.Sqlite, """{"package":{"ecosystem":"npm","name":"no-such-package"},"version":"1.0.0"}""" },
        { DatabaseProvider.Sqlite, """{"package":{"ecosystem":"PyPI","name":"django"},"version":"4.2.1"}""" },
        { DatabaseProvider.Sqlite, """{"package":{"ecosystem":"PyPI","name":"minimist"},"version":"0.0.8"}""" },
        // Unknown purl types answer 200 {} (osv.dev); commits are valid but Vigil holds no GIT ranges.
        { DatabaseProvider.Sqlite, """{"package":{"purl":"pkg:unknowntype/minimist@0.0.8"}}""" },
        { DatabaseProvider.Sqlite, """{"commit":"6879efc2c1596d11a6a6ad296f80063b558d5e0f"}""" },
        { DatabaseProvider.Postgres, """{"package":{"ecosystem":"npm","name":"minimist"},"version":"1.2.8"}""" },
    };

    [Theory]
    [MemberData(nameof(Empty))]
    public async Task Query_NothingAffected_ReturnsEmptyObject(DatabaseProvider provider, string request)
    {
        await using var test = await WebTest.StartAsync(provider);

        var (status, body) = await test.PostJsonAsync("/v1/query", request);

        Assert.Equal(200, status);
        Assert.Equal("{}", body!.ToJsonString());
    }

    // Messages as osv.dev's parseQuery gives them for POST /v1/query.
    [Theory]
    [InlineData("""{}""", "no query provided")]
    [InlineData("""null""", "no query provided")]
    [InlineData("""{"package":{"name":"minimist"}}""", "invalid query")]
    [InlineData("""{"package":{"ecosystem":"npm"},"version":"1.0.0"}""", "invalid query")]
    [InlineData("""{"version":"1.0.0"}""", "invalid query")]
    [InlineData("""{"package":{"ecosystem":"NotAnEcosystem","name":"x"},"version":"1.0.0"}""", "invalid ecosystem")]
    [InlineData("""{"package":{"purl":"pkg:npm/minimist","name":"minimist"}}""", "name specified in a PURL query")]
    [InlineData("""{"package":{"purl":"pkg:npm/minimist","ecosystem":"npm"}}""", "ecosystem specified in a PURL query")]
    [InlineData("""{"package":{"purl":"pkg:npm/minimist@0.0.8"},"version":"0.0.8"}""",
        "version specified in params and PURL query")]
    [InlineData("""{"package":{"purl":"not-a-purl"}}""", "invalid PURL")]
    [InlineData("""{"commit":"not hex!"}""", "invalid hash")]
    public async Task Query_InvalidQuery_Returns400WithGrpcCode3(string request, string message)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);

        var (status, body) = await test.PostJsonAsync("/v1/query", request);

        Assert.Equal(400, status);
        Assert.Equal(JsonNode.Parse($$"""{"code":3,"message":"{{message}}"}"""), body, JsonNode.DeepEquals);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("""{"package":"minimist"}""")]
    public async Task Query_MalformedBody_Returns400WithGrpcCode3(string request)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);

        var (status, body) = await test.PostJsonAsync("/v1/query", request);

        Assert.Equal(400, status);
        Assert.Equal(3, (int)body!["code"]!);
        Assert.StartsWith("invalid JSON body", (string?)body["message"]);
    }
}
