using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>The npm 6 report endpoints (audits/quick and audits, as npm 6, yarn 1 and pnpm call them) through the real
/// app.</summary>
public class NpmAuditQuickTests
{
    private const string Quick = "/-/npm/v1/security/audits/quick";

    // The shape pnpm 9/10 post (lockfileToAuditTree): one "." pseudo-package per importer, dev flags per node.
    private const string PnpmTree = """
        {"dependencies":{".":{"dependencies":{
            "minimist":{"dev":true,"integrity":"sha512-x","version":"1.2.8"},
            "mkdirp":{"dev":false,"integrity":"sha512-y","version":"0.5.1",
                      "dependencies":{"minimist":{"dev":false,"integrity":"sha512-z","version":"0.0.8"}},
                      "requires":{"minimist":"0.0.8"}}},
          "dev":false,"requires":{"minimist":"1.2.8","mkdirp":"0.5.1"},"version":"1.0.0"}},
         "dev":false,"install":[],"metadata":{},"remove":[],"requires":{".":"1.0.0"}}
        """;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_PnpmTree_ReturnsNpm6ReportWithFindingsPathsAndCounts(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);
        var numbers = await NumbersAsync(test);
        var vh95 = numbers["GHSA-vh95-rmgr-6w4m"] * 1000;
        var xvch = numbers["GHSA-xvch-5gv4-984h"] * 1000 + 1;

        var (status, report) = await test.PostJsonAsync(Quick, PnpmTree);

        Assert.Equal(200, status);
        // minimist 1.2.8 is patched; 0.0.8 under mkdirp is in vh95's "<0.2.1" and xvch's "<0.2.4".
        Assert.Equal([vh95.ToString(), xvch.ToString()], report!["advisories"]!.AsObject().Select(p => p.Key));
        var expected = JsonNode.Parse($$"""
            {"findings":[{"version":"0.0.8","paths":[".>mkdirp>minimist"]}],
             "id":{{vh95}},"created":"2020-04-03T21:48:32.000Z","deleted":null,
             "title":"Prototype Pollution in minimist","found_by":{"link":"","name":""},"reported_by":{"link":"","name":""},
             "module_name":"minimist","cves":["CVE-2020-7598"],
             "vulnerable_versions":"<0.2.1","patched_versions":">=0.2.1","recommendation":"Upgrade to versions 0.2.1, 1.2.3 or later.",
             "access":"public","severity":"moderate","cwe":"CWE-1321",
             "metadata":{"module_type":"","exploitability":0,"affected_components":""},
             "url":"http://localhost/advisories/GHSA-vh95-rmgr-6w4m","github_advisory_id":"GHSA-vh95-rmgr-6w4m"}
            """)!.AsObject();
        var advisory = report["advisories"]![vh95.ToString()]!.AsObject();
        foreach (var (key, value) in expected)
        {
            Assert.True(JsonNode.DeepEquals(value, advisory[key]), $"{key}: {advisory[key]?.ToJsonString()}");
        }
        Assert.StartsWith("Affected versions of `minimist`", (string?)advisory["overview"]);
        Assert.Contains("- https://", (string?)advisory["references"]);
        Assert.Equal("critical", (string?)report["advisories"]![xvch.ToString()]!["severity"]);
        Assert.Equal(JsonNode.Parse($$"""
            [{"action":"review","module":"minimist","resolves":[{"id":{{vh95}},"path":".>mkdirp>minimist","dev":false,"optional":false,"bundled":false}]},
             {"action":"review","module":"minimist","resolves":[{"id":{{xvch}},"path":".>mkdirp>minimist","dev":false,"optional":false,"bundled":false}]}]
            """), report["actions"], JsonNode.DeepEquals);
        Assert.Equal(JsonNode.Parse("[]"), report["muted"], JsonNode.DeepEquals);
        // Four nodes: ".", mkdirp and its minimist (dependencies), minimist 1.2.8 (dev). Counts are paths by severity.
        Assert.Equal(JsonNode.Parse("""
            {"vulnerabilities":{"info":0,"low":0,"moderate":1,"high":0,"critical":1},
             "dependencies":3,"devDependencies":1,"optionalDependencies":0,"totalDependencies":4}
            """), report["metadata"], JsonNode.DeepEquals);
    }

    [Theory]
    [InlineData(Quick)]
    [InlineData("/-/npm/v1/security/audits")]
    public async Task Audit_BothEndpoints_AnswerTheSameReport(string path)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var (status, report) = await test.PostJsonAsync(path, PnpmTree);

        Assert.Equal(200, status);
        Assert.Equal(2, report!["advisories"]!.AsObject().Count);
    }

    public static TheoryData<string, string, string[]> Trees => new()
    {
        // npm 10 with a v3 lockfile sends only the root's requires (observed, run8).
        { "exact root requirement",
            """{"name":"e2e","version":"1.0.0","requires":{"minimist":"0.0.8"},"metadata":{"npm_version":"10.9.5"}}""",
            ["0.0.8 minimist <0.2.1", "0.0.8 minimist <0.2.4"] },
        // A range requirement: every advisory whose range intersects it (npm re-tests the installed version).
        { "range root requirement", """{"requires":{"minimist":"^1.2.0"}}""",
            ["^1.2.0 minimist >=1.0.0 <1.2.3", "^1.2.0 minimist >=1.0.0 <1.2.6"] },
        { "alias in a v1 lockfile",
            """{"requires":{"m":"npm:minimist@0.0.8"},"dependencies":{"m":{"version":"npm:minimist@0.0.8"}}}""",
            ["0.0.8 m <0.2.1", "0.0.8 m <0.2.4"] },
        { "requirement installed at the top",
            """{"requires":{"minimist":"^1.2.0"},"dependencies":{"minimist":{"version":"1.2.8"}}}""", [] },
        { "node without a version",
            """{"dependencies":{"minimist":{"dependencies":{"lodash":{"version":"4.17.20"}}}}}""", [] },
        { "nested lodash",
            """{"dependencies":{"a":{"version":"1.0.0","dependencies":{"lodash":{"version":"4.17.20"}}}}}""",
            ["4.17.20 a>lodash <4.17.21"] },
        { "withdrawn only", """{"requires":{"minimist":"5.0.0"}}""", [] },
        { "empty tree", """{"requires":{},"dependencies":{}}""", [] },
    };

    [Theory]
    [MemberData(nameof(Trees))]
    public async Task Audit_Tree_FindsVersionsAndPaths(string why, string tree, string[] expected)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        using var response = await SendAsync(test, NpmBulkTests.Gzip(tree), "application/json", "gzip");

        Assert.True(response.StatusCode == HttpStatusCode.OK, why);
        var report = await WebTest.ReadAsync(response);
        var found = report!["advisories"]!.AsObject().Select(p => p.Value!)
            .SelectMany(a => a["findings"]!.AsArray().SelectMany(f => f!["paths"]!.AsArray()
                .Select(p => $"{f["version"]} {p} {a["vulnerable_versions"]}")))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, found);
    }

    public static TheoryData<string, byte[], string?, string?, int> BadBodies => new()
    {
        { "not JSON", Encoding.UTF8.GetBytes("minimist=0.0.8"), "application/json", null, 400 },
        { "an array", Encoding.UTF8.GetBytes("""[{"requires":{}}]"""), "application/json", null, 400 },
        { "a bulk body", Encoding.UTF8.GetBytes("""{"minimist":["0.0.8"]}"""), "application/json", null, 400 },
        { "a requires number", Encoding.UTF8.GetBytes("""{"requires":{"minimist":8}}"""), "application/json", null,
            400 },
        { "a dependency string", Encoding.UTF8.GetBytes("""{"dependencies":{"minimist":"0.0.8"}}"""),
            "application/json", null, 400 },
        { "too deep", Encoding.UTF8.GetBytes(Deep(300)), "application/json", null, 400 },
        { "empty", [], "application/json", null, 400 },
        { "not gzip", Encoding.UTF8.GetBytes("""{"requires":{}}"""), "application/json", "gzip", 400 },
        { "form content type", Encoding.UTF8.GetBytes("""{"requires":{}}"""), "application/x-www-form-urlencoded", null,
            415 },
        { "text content type", Encoding.UTF8.GetBytes("""{"requires":{}}"""), "text/plain", null, 415 },
        { "unknown encoding", Encoding.UTF8.GetBytes("""{"requires":{}}"""), "application/json", "zstd", 415 },
        { "gzip bomb", NpmBulkTests.GzipBomb(), "application/json", "gzip", 413 },
        { "oversized", new byte[11 * 1024 * 1024], "application/json", null, 413 },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Audit_BadBody_ReturnsProblemDetails(string why, byte[] body, string? contentType,
        string? encoding, int expected)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);

        using var response = await SendAsync(test, body, contentType, encoding);

        Assert.True((int)response.StatusCode == expected, $"{why}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await WebTest.ReadAsync(response);
        Assert.Equal(expected, (int)problem!["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["detail"]), why);
    }

    private static string Deep(int levels) =>
        """{"dependencies":""" + string.Concat(Enumerable.Repeat("""{"a":{"version":"1.0.0","dependencies":""", levels))
        + "{}" + new string('}', levels * 2) + "}";

    private static async Task<HttpResponseMessage> SendAsync(WebTest test, byte[] body, string? contentType,
        string? encoding)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }
        return await test.Client.PostAsync(Quick, content, WebTest.Ct);
    }

    private static async Task<Dictionary<string, long>> NumbersAsync(WebTest test)
    {
        await using var db = test.OpenDatabase();
        return await db.Advisories.ToDictionaryAsync(a => a.Id, a => a.Number, WebTest.Ct);
    }
}
