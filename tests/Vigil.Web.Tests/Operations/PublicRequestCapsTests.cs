using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// The caps of Vigil:Limits on the public parsers (npm bulk, npm audit trees, OSV queries): an input just under a cap
/// is answered, one just over it answers 400 or 413 with an error naming the setting. The worst inputs the default
/// caps allow are answered too (with a generous timeout: these tests check an answer comes, not how fast).
/// </summary>
public class PublicRequestCapsTests
{
    private const string Bulk = BadInputTests.NpmBulk, Quick = BadInputTests.NpmQuick, Query = BadInputTests.Query,
    Batch = BadInputTests.Batch;

    /// <summary>Cap, its test value, endpoint, status past it, text of the error.</summary>
    public static TheoryData<string, int, string, int, string> Caps => new()
    {
        { "MaxPackagesPerRequest", 3, Bulk, 413, "more than 3 packages" },
        { "MaxVersionsPerPackage", 3, Bulk, 413, "more than 3 versions" },
        { "MaxPackageNameChars", 10, Bulk, 400, "longer than 10 characters" },
        { "MaxVersionChars", 10, Bulk, 400, "longer than 10 characters" },
        { "MaxAuditNodes", 3, Quick, 413, "more than 3 packages" },
        { "MaxAuditDepth", 3, Quick, 400, "more than 3 packages deep" },
        { "MaxAuditPathChars", 1024, Quick, 413, "more than 1024 characters" },
        { "MaxPackageNameChars", 10, Quick, 400, "longer than 10 characters" },
        { "MaxVersionChars", 10, Quick, 400, "longer than 10 characters" },
        { "MaxPackageNameChars", 10, Query, 400, "package name is longer than 10 characters" },
        { "MaxVersionChars", 10, Query, 400, "version is longer than 10 characters" },
        { "MaxPackageNameChars", 10, Batch, 400,
            "error in query at index 1: package name is longer than 10 characters" },
        { "MaxVersionChars", 10, Batch, 400, "error in query at index 1: version is longer than 10 characters" },
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Caps))]
    public async Task Post_JustUnderACap_IsAnswered(string cap, int value, string path, int status, string message)
    {
        _ = (status, message);
        await using var app = await ConfiguredApp.StartAsync(Setting(cap, value));

        using var response = await app.Client.PostAsync(path, Json(Body(cap, value, path, over: false)),
            TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Caps))]
    public async Task Post_JustOverACap_AnswersErrorNamingIt(string cap, int value, string path, int status,
        string message)
    {
        await using var app = await ConfiguredApp.StartAsync(Setting(cap, value));

        using var response = await app.Client.PostAsync(path, Json(Body(cap, value, path, over: true)),
            TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        var text = path.StartsWith("/v1/", StringComparison.Ordinal) ? (string?)node["message"]
            : (string?)node["detail"];
        Assert.Contains(message, text);
        Assert.Contains($"Vigil:Limits:{cap}", text);
        if (!path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>
    /// The costliest tree the default caps allow: a chain 128 packages deep, then as many siblings at the bottom as
    /// the paths' 16 MiB allow, every one of them a vulnerable minimist (so every path is matched and reported).
    /// </summary>
    [Fact(Timeout = 300_000)]
    public async Task Quick_WorstTreeTheDefaultCapsAllow_IsAnswered()
    {
        const int depth = 128, maxPathChars = 16 * 1024 * 1024;
        var name = "minimist";
        long pathChars = 0;
        var json = new StringBuilder("{\"dependencies\":");
        for (var level = 1; level < depth; level++)
        {
            pathChars += level * (name.Length + 1) - 1;
            json.Append("{\"minimist\":{\"version\":\"0.0.8\",\"dependencies\":");
        }
        var leaf = (long)depth * (name.Length + 1) - 1;
        var siblings = (maxPathChars - pathChars) / leaf;
        json.Append('{').AppendJoin(',', Enumerable.Repeat("\"minimist\":{\"version\":\"0.0.8\"}", (int)siblings))
            .Append('}');
        json.Append(new StringBuilder().Insert(0, "}}", depth - 1)).Append('}');
        await using var app = await ConfiguredApp.StartAsync();

        using var response = await app.Client.PostAsync(Quick, Json(json.ToString()),
            TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(depth - 1 + siblings, (int)report["metadata"]!["dependencies"]!);
    }

    /// <summary>As many packages as the default caps allow, and one known package with the most versions
    /// allowed.</summary>
    [Fact(Timeout = 300_000)]
    public async Task Bulk_WorstRequestTheDefaultCapsAllow_IsAnswered()
    {
        var versions = string.Join(',', Enumerable.Range(0, 1000).Select(i => $"\"0.{i / 100}.{i % 100}\""));
        var json = "{\"minimist\":[" + versions + "],"
            + string.Join(',', Enumerable.Range(1, 49_999).Select(i => $"\"p{i}\":[\"1.0.0\"]")) + "}";
        await using var app = await ConfiguredApp.StartAsync();

        using var response = await app.Client.PostAsync(Bulk, Json(json), TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.NotEmpty(answer["minimist"]!.AsArray());
    }

    [Fact]
    public void BulkParse_CancelledRequest_Stops()
    {
        var body = Encoding.UTF8.GetBytes("{\"a\":[\"1.0.0\"]}");

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Vigil.Web.Compat.Npm.BulkRequestReader.Parse(body, new Vigil.Web.Operations.LimitsOptions(),
                new CancellationToken(canceled: true)));
    }

    [Fact]
    public void AuditTreeParse_CancelledRequest_Stops()
    {
        var body = Encoding.UTF8.GetBytes("{\"dependencies\":{\"a\":{\"version\":\"1.0.0\"}}}");

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Vigil.Web.Compat.Npm.AuditTreeReader.Parse(body, new Vigil.Web.Operations.LimitsOptions(),
                new CancellationToken(canceled: true)));
    }

    private static Dictionary<string, string> Setting(string cap, int value) =>
        new() { [$"Vigil:Limits:{cap}"] = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A body right at the cap, or one unit past it.</summary>
    private static string Body(string cap, int value, string path, bool over)
    {
        var n = over ? value + 1 : value;
        var name = new string('n', n);
        // a valid prerelease of n characters (n ≥ 6 where used)
        var version = "1.0.0-" + new string('a', Math.Max(0, n - 6));
        return (cap, path) switch
        {
            ("MaxPackagesPerRequest", _) => Obj(Enumerable.Range(0, n).Select(i => $"\"p{i}\":[\"1.0.0\"]")),
            ("MaxVersionsPerPackage", _) =>
                "{\"minimist\":[" + string.Join(',', Enumerable.Range(0, n).Select(i => $"\"1.0.{i}\"")) + "]}",
            ("MaxPackageNameChars", Bulk) => $"{{\"{name}\":[\"1.0.0\"]}}",
            ("MaxVersionChars", Bulk) => $"{{\"minimist\":[\"{version}\"]}}",
            ("MaxAuditNodes", _) =>
                "{\"dependencies\":" + Obj(Enumerable.Range(0, n).Select(i => $"\"p{i}\":{{\"version\":\"1.0.0\"}}"))
                    + "}",
            ("MaxAuditDepth", _) =>
                "{\"dependencies\":"
                    + string.Concat(Enumerable.Repeat("{\"a\":{\"version\":\"1.0.0\",\"dependencies\":", n))
                + "{}" + string.Concat(Enumerable.Repeat("}}", n)) + "}",
            // Siblings of 100 characters: 10 paths (1,000 characters) fit in 1,024, 11 do not.
            ("MaxAuditPathChars", _) => "{\"dependencies\":"
                + Obj(
                    Enumerable.Range(0, over ? 11 : 10)
                        .Select(i => $"\"{i:00}{new string('x', 98)}\":{{\"version\":\"1.0.0\"}}")) + "}",
            ("MaxPackageNameChars", Quick) => $"{{\"dependencies\":{{\"{name}\":{{\"version\":\"1.0.0\"}}}}}}",
            ("MaxVersionChars", Quick) =>
                $"{{\"requires\":{{\"a\":\"1.0.0\"}},\"dependencies\":{{\"b\":{{\"version\":\"{version}\"}}}}}}",
            ("MaxPackageNameChars", Query) => OsvQuery(name, "1.0.0"),
            ("MaxVersionChars", Query) => OsvQuery("minimist", version),
            ("MaxPackageNameChars", Batch) => $"{{\"queries\":[{OsvQuery("a", "1.0.0")},{OsvQuery(name, "1.0.0")}]}}",
            ("MaxVersionChars", Batch) => $"{{\"queries\":[{OsvQuery("a", "1.0.0")},{OsvQuery("minimist", version)}]}}",
            _ => throw new ArgumentOutOfRangeException(nameof(cap), cap, null),
        };
    }

    private static string Obj(IEnumerable<string> members) => "{" + string.Join(',', members) + "}";

    private static string OsvQuery(string name, string version) =>
        $"{{\"package\":{{\"ecosystem\":\"npm\",\"name\":\"{name}\"}},\"version\":\"{version}\"}}";

    private static StringContent Json(string json) =>
        new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
