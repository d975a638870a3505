using System.Text;
using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Osv;

/// <summary>
/// osv.dev's POST /v1/query: a page ends after 3000 results, then next_page_token is set and the client repeats
/// the same query with page_token; in querybatch paging is per query: the client resends only the queries that
/// returned a token, each with its own page_token. Page sizes are lowered by configuration here.
/// </summary>
public class OsvPagingTests
{
    private const int Advisories25 = 25;

    private static readonly Dictionary<string, string> SmallPages = new()
    {
        ["Vigil:Osv:QueryPageSize"] = "10",
        ["Vigil:Osv:BatchPageSize"] = "7",
    };

    private static IEnumerable<OsvVulnerability> Many() => Enumerable.Range(1, Advisories25)
        .Select(i => Advisories.Made($"VIGIL-PAGE-{i:D3}", "npm", "many-vulns", "0", "9.0.0"))
        .Append(Advisories.Made("VIGIL-OTHER-1", "npm", "few-vulns", "0", "9.0.0"));

    private static readonly string[] AllIds = [.. Enumerable.Range(1, Advisories25).Select(i => $"VIGIL-PAGE-{i:D3}")];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Query_MoreThanAPage_FollowingTokensReturnsEveryVulnOnce(DatabaseProvider provider)
    {
        await using var app = await ConfiguredApp.StartAsync(SmallPages, Many(), provider);
        var ids = new List<string>();
        var pageSizes = new List<int>();
        string? token = null;

        do
        {
            var tokenField = token is null ? "" : $",\"page_token\":\"{token}\"";
            var body = await PostAsync(app, "/v1/query",
                $$"""{"package":{"ecosystem":"npm","name":"many-vulns"},"version":"1.0.0"{{tokenField}}}""");
            var vulns = body["vulns"]!.AsArray();
            pageSizes.Add(vulns.Count);
            ids.AddRange(vulns.Select(v => (string)v!["id"]!));
            Assert.All(vulns, v => Assert.NotNull(v!["affected"])); // full entries on /v1/query
            token = (string?)body["next_page_token"];
        }
        while (token is not null);

        Assert.Equal([10, 10, 5], pageSizes);
        Assert.Equal(AllIds, ids);
    }

    [Fact]
    public async Task Query_ExactlyOnePage_HasNoToken()
    {
        await using var app = await ConfiguredApp.StartAsync(
            new Dictionary<string, string> { ["Vigil:Osv:QueryPageSize"] = "25" }, Many());

        var body = await PostAsync(app, "/v1/query", """{"package":{"ecosystem":"npm","name":"many-vulns"}}""");

        Assert.Equal(25, body["vulns"]!.AsArray().Count);
        Assert.Null(body["next_page_token"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task QueryBatch_PerQueryTokens_ResendingOnlyTokenedQueriesCompletesEachQuery(DatabaseProvider provider)
    {
        await using var app = await ConfiguredApp.StartAsync(SmallPages, Many(), provider);
        const string many = """{"package":{"ecosystem":"npm","name":"many-vulns"},"version":"1.0.0"}""";
        const string few = """{"package":{"ecosystem":"npm","name":"few-vulns"},"version":"1.0.0"}""";

        var first = (await PostAsync(app, "/v1/querybatch", $$"""{"queries":[{{many}},{{few}}]}"""))["results"]!
            .AsArray();

        Assert.Equal(7, first[0]!["vulns"]!.AsArray().Count);
        Assert.Equal("VIGIL-OTHER-1", (string?)first[1]!["vulns"]![0]!["id"]);
        Assert.Null(first[1]!["next_page_token"]);
        var ids = first[0]!["vulns"]!.AsArray().Select(v => (string)v!["id"]!).ToList();
        var token = (string?)first[0]!["next_page_token"];
        var rounds = 1;
        while (token is not null)
        {
            var again = (await PostAsync(app, "/v1/querybatch",
                $$"""
                {"queries":[{"package":{"ecosystem":"npm","name":"many-vulns"},"version":"1.0.0","page_token":"{{token}}"}]}
                """))["results"]!.AsArray();
            var vulns = again[0]!["vulns"]!.AsArray();
            Assert.All(vulns, v => Assert.Equal(["id", "modified"], v!.AsObject().Select(p => p.Key)));
            ids.AddRange(vulns.Select(v => (string)v!["id"]!));
            token = (string?)again[0]!["next_page_token"];
            rounds++;
        }

        Assert.Equal(4, rounds); // 7 + 7 + 7 + 4
        Assert.Equal(AllIds, ids);
    }

    [Fact]
    public async Task QueryBatch_DefaultPageSize_1001VulnsGiveATokenAfter1000()
    {
        var many = Enumerable.Range(1, 1001)
            .Select(i => Advisories.Made($"VIGIL-BIG-{i:D4}", "npm", "huge", "0", "9.0.0"));
        await using var app = await ConfiguredApp.StartAsync(seed: many);

        var first = (await PostAsync(app, "/v1/querybatch",
            """{"queries":[{"package":{"ecosystem":"npm","name":"huge"},"version":"1.0.0"}]}"""))["results"]![0]!;
        var second = (await PostAsync(app, "/v1/querybatch",
            $$"""
            {"queries":[{"package":{"ecosystem":"npm","name":"huge"},"version":"1.0.0","page_token":"{{(string?)first["next_page_token"]}}"}]}
            """))["results"]![0]!;

        Assert.Equal(1000, first["vulns"]!.AsArray().Count);
        Assert.Equal("VIGIL-BIG-1001", (string?)Assert.Single(second["vulns"]!.AsArray())!["id"]);
        Assert.Null(second["next_page_token"]);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("made-up")]
    [InlineData("other query")]
    public async Task Query_BadPageToken_Returns400(string kind)
    {
        await using var app = await ConfiguredApp.StartAsync(SmallPages, Many());
        var first = await PostAsync(app, "/v1/query", """{"package":{"ecosystem":"npm","name":"many-vulns"}}""");
        var token = (string)first["next_page_token"]!;
        var bad = kind switch
        {
            "tampered" => token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..],
            "made-up" => Convert.ToBase64String(Encoding.UTF8.GetBytes("VIGIL-PAGE-020")),
            _ => token,
        };
        var name = kind == "other query" ? "few-vulns" : "many-vulns";

        using var content = new StringContent(
            $$"""{"package":{"ecosystem":"npm","name":"{{name}}"},"page_token":"{{bad}}"}""", Encoding.UTF8,
            "application/json");
        using var response = await app.Client.PostAsync("/v1/query", content, ConfiguredApp.Ct);
        using var batchContent = new StringContent(
            $$"""{"queries":[{"package":{"ecosystem":"npm","name":"{{name}}"},"page_token":"{{bad}}"}]}""",
            Encoding.UTF8, "application/json");
        using var batch = await app.Client.PostAsync("/v1/querybatch", batchContent, ConfiguredApp.Ct);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(JsonNode.Parse("""{"code":3,"message":"invalid page token"}"""),
            JsonNode.Parse(await response.Content.ReadAsStringAsync(ConfiguredApp.Ct)), JsonNode.DeepEquals);
        Assert.Equal(400, (int)batch.StatusCode);
        Assert.Equal(JsonNode.Parse("""{"code":3,"message":"error in query at index 0: invalid page token"}"""),
            JsonNode.Parse(await batch.Content.ReadAsStringAsync(ConfiguredApp.Ct)), JsonNode.DeepEquals);
    }

    private static async Task<JsonNode> PostAsync(ConfiguredApp app, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await app.Client.PostAsync(path, content, ConfiguredApp.Ct);
        var text = await response.Content.ReadAsStringAsync(ConfiguredApp.Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }
}
