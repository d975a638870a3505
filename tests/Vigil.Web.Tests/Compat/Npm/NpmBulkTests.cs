using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

public class NpmBulkTests
{
    private const string Bulk = "/-/npm/v1/security/advisories/bulk";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bulk_GzipBody_ReturnsMatchingAdvisoriesInNpmShape(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);
        var numbers = await NumbersAsync(test);

        var (status, body) = await PostAsync(test, Gzip("""{"minimist":["1.2.8","0.0.8"],"mkdirp":["0.5.1"]}"""),
            "gzip");

        Assert.Equal(200, status);
        // Only the affected entries whose range matches a requested version: vh95[0] "<0.2.1" and xvch[1] "<0.2.4".
        var expected = JsonNode.Parse($$$"""
            {"minimist":[
              {"id":{{{numbers["GHSA-vh95-rmgr-6w4m"] * 1000}}},"url":"http://localhost/advisories/GHSA-vh95-rmgr-6w4m",
               "title":"Prototype Pollution in minimist","severity":"moderate","vulnerable_versions":"<0.2.1","cwe":["CWE-1321"],
               "cvss":{"score":5.6,"vectorString":"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L"}},
              {"id":{{{numbers["GHSA-xvch-5gv4-984h"] * 1000 + 1}}},"url":"http://localhost/advisories/GHSA-xvch-5gv4-984h",
               "title":"Prototype Pollution in minimist","severity":"critical","vulnerable_versions":"<0.2.4","cwe":["CWE-1321"],
               "cvss":{"score":9.8,"vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}}]}
            """);
        Assert.Equal(expected, body, JsonNode.DeepEquals);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bulk_AdvisoryUpdatedAfterARequest_AnswersTheUpdate(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);
        var request = Encoding.UTF8.GetBytes("""{"left-pad":["1.0.0"]}""");
        var (_, before) = await PostAsync(test, request, encoding: null);

        var updated = Advisories.Made("VIGIL-NOSEV-1", "npm", "left-pad", "0", "1.3.0", severity: "LOW");
        updated.Summary = "Renamed after review";
        updated.Modified = updated.Modified.AddDays(1);
        await Advisories.SeedAsync(test.Target, [updated]);
        var (_, after) = await PostAsync(test, request, encoding: null);

        Assert.Equal("Made-up VIGIL-NOSEV-1", (string?)before!["left-pad"]![0]!["title"]);
        Assert.Equal("Renamed after review", (string?)after!["left-pad"]![0]!["title"]);
        Assert.Equal("low", (string?)after!["left-pad"]![0]!["severity"]);
    }

    [Fact]
    public async Task Bulk_PlainJsonBody_IsAccepted()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var (status, body) = await PostAsync(test, Encoding.UTF8.GetBytes("""{"serve-static":["2.0.0"]}"""),
            encoding: null);

        Assert.Equal(200, status);
        var advisory = body!["serve-static"]!.AsArray().Single()!;
        Assert.Equal(">=2.0.0 <2.1.0", (string?)advisory["vulnerable_versions"]);
        // CVSS v3 and v4 both present: npm's cvss is the v3 one.
        Assert.StartsWith("CVSS:3.1/", (string?)advisory["cvss"]!["vectorString"]);
    }

    [Theory]
    [InlineData("""{"left-pad":["1.0.0"]}""")]
    public async Task Bulk_NoSeverityNoCvss_DefaultsToHighAndEmptyCvss(string request)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var (_, body) = await PostAsync(test, Encoding.UTF8.GetBytes(request), encoding: null);

        var advisory = body!["left-pad"]!.AsArray().Single()!;
        Assert.Equal("high", (string?)advisory["severity"]);
        Assert.Equal(JsonNode.Parse("""{"score":0,"vectorString":null}"""), advisory["cvss"], JsonNode.DeepEquals);
        Assert.Empty(advisory["cwe"]!.AsArray());
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"minimist":["1.2.8"]}""")]
    [InlineData("""{"minimist":["5.0.0"]}""")] // only the withdrawn VIGIL-WITHDRAWN-1 covers it
    [InlineData("""{"minimist":[]}""")]
    [InlineData("""{"django":["4.1"]}""")] // a PyPI package, not npm
    public async Task Bulk_NothingMatches_ReturnsEmptyObject(string request)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var (status, body) = await PostAsync(test, Gzip(request), "gzip");

        Assert.Equal(200, status);
        Assert.Equal("{}", body!.ToJsonString());
    }

    // The request reader reads JSON, not a fixed spelling of it: escapes, repeats and whitespace change nothing.
    [Theory]
    [InlineData("""{"minimist":["0.0.8"]}""")]
    [InlineData("""{"mini\u006dist":["0.0.\u0038"]}""")]
    [InlineData("""{"minimist":["0.0.8","0.0.8"]}""")]
    [InlineData("""{"minimist":["9.9.9"],"minimist":["0.0.8"]}""")]
    [InlineData(""" { "minimist" : [ "0.0.8" ] , "unknown-pkg" : [ ] } """)]
    public async Task Bulk_EquivalentSpellings_SameAnswer(string request)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);
        var (_, expected) = await PostAsync(test, Gzip("""{"minimist":["0.0.8"]}"""), "gzip");

        var (status, body) = await PostAsync(test, Gzip(request), "gzip");

        Assert.Equal(200, status);
        Assert.NotEmpty(expected!["minimist"]!.AsArray());
        Assert.Equal(expected, body, JsonNode.DeepEquals);
    }

    public static TheoryData<string, byte[], string?, int> BadBodies => new()
    {
        { "not JSON", Encoding.UTF8.GetBytes("minimist=0.0.8"), null, 400 },
        { "an array", Encoding.UTF8.GetBytes("""["minimist"]"""), null, 400 },
        { "a string value", Encoding.UTF8.GetBytes("""{"minimist":"0.0.8"}"""), null, 400 },
        { "a number in the list", Encoding.UTF8.GetBytes("""{"minimist":[8]}"""), null, 400 },
        { "empty", [], null, 400 },
        { "content after the object", Encoding.UTF8.GetBytes("""{"minimist":["0.0.8"]} x"""), null, 400 },
        { "wrong shape, then not JSON", Encoding.UTF8.GetBytes("""{"minimist":8, "mkdirp":"""), null, 400 },
        { "nested too deep", Encoding.UTF8.GetBytes("""{"a":[[[[[[[[[]]]]]]]]]}"""), null, 400 },
        { "not gzip", Encoding.UTF8.GetBytes("""{"minimist":["0.0.8"]}"""), "gzip", 400 },
        { "unknown encoding", Encoding.UTF8.GetBytes("""{"minimist":["0.0.8"]}"""), "zstd", 415 },
        { "gzip bomb", GzipBomb(), "gzip", 413 },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bulk_BadBody_ReturnsProblemDetails(string why, byte[] body, string? encoding, int expected)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);

        using var response = await SendAsync(test, body, encoding);

        Assert.True((int)response.StatusCode == expected, $"{why}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await WebTest.ReadAsync(response);
        Assert.Equal(expected, (int)problem!["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["detail"]));
    }

    [Fact]
    public async Task Bulk_TextContentType_Returns415()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        using var content = new StringContent("""{"minimist":["0.0.8"]}""", Encoding.UTF8, "text/plain");

        using var response = await test.Client.PostAsync(Bulk, content, WebTest.Ct);

        Assert.Equal(System.Net.HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", (string?)(await WebTest.ReadAsync(response))!["detail"]);
    }

    [Theory]
    [InlineData("/minimist")]
    [InlineData("/@cypress%2frequest")]
    [InlineData("/@cypress/request")]
    public async Task Packument_AnyPackage_Returns404LikeTheRegistryForUnknownPackages(string path)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);

        var (status, body) = await test.GetAsync(path);

        Assert.Equal(404, status);
        Assert.Equal(JsonNode.Parse("""{"error":"Not found"}"""), body, JsonNode.DeepEquals);
    }

    internal static byte[] Gzip(string json)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }
        return output.ToArray();
    }

    // 11 MB of spaces (a valid JSON prefix) compresses to ~11 KB; the cap is 10 MB decompressed.
    internal static byte[] GzipBomb()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 11; i++)
            {
                gzip.Write(spaces);
            }
        }
        return output.ToArray();
    }

    private static async Task<(int, JsonNode?)> PostAsync(WebTest test, byte[] body, string? encoding)
    {
        using var response = await SendAsync(test, body, encoding);
        return ((int)response.StatusCode, await WebTest.ReadAsync(response));
    }

    private static async Task<HttpResponseMessage> SendAsync(WebTest test, byte[] body, string? encoding)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }
        return await test.Client.PostAsync(Bulk, content, WebTest.Ct);
    }

    private static async Task<Dictionary<string, long>> NumbersAsync(WebTest test)
    {
        await using var db = test.OpenDatabase();
        return await db.Advisories.ToDictionaryAsync(a => a.Id, a => a.Number, WebTest.Ct);
    }
}
