using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Osv;

public class OsvQueryBatchTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task QueryBatch_MixedQueries_ReturnsIdAndModifiedInInputOrder(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);

        var (status, body) = await test.PostJsonAsync("/v1/querybatch", """
            {"queries":[
              {"package":{"ecosystem":"npm","name":"minimist"},"version":"0.0.8"},
              {"package":{"ecosystem":"npm","name":"lodash"},"version":"4.17.21"},
              {"package":{"purl":"pkg:npm/lodash-es@4.17.20"}},
              {"package":{"purl":"pkg:unknowntype/x@1"}}]}
            """);

        Assert.Equal(200, status);
        // osv.dev's querybatch: one result per query, only id + modified, {} when empty.
        var expected = JsonNode.Parse("""
            {"results":[
              {"vulns":[{"id":"GHSA-vh95-rmgr-6w4m","modified":"2022-04-26T21:01:40Z"},{"id":"GHSA-xvch-5gv4-984h","modified":"2023-02-27T14:47:14Z"}]},
              {},
              {"vulns":[{"id":"GHSA-35jh-r3h4-6jhm","modified":"2022-02-08T21:35:09Z"}]},
              {}]}
            """);
        Assert.Equal(expected, body, JsonNode.DeepEquals);
    }

    [Fact]
    public async Task QueryBatch_NoQueries_ReturnsEmptyObject()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);

        var (status, body) = await test.PostJsonAsync("/v1/querybatch", """{"queries":[]}""");

        Assert.Equal(200, status);
        Assert.Equal("{}", body!.ToJsonString());
    }

    [Fact]
    public async Task QueryBatch_1001Queries_Returns400TooManyQueries()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var query = """{"package":{"ecosystem":"npm","name":"minimist"},"version":"0.0.8"}""";

        var (status, body) = await test.PostJsonAsync("/v1/querybatch",
            $$"""{"queries":[{{string.Join(',', Enumerable.Repeat(query, 1001))}}]}""");

        Assert.Equal(400, status);
        Assert.Equal(JsonNode.Parse("""{"code":3,"message":"too many queries"}"""), body, JsonNode.DeepEquals);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task QueryBatch_1000Queries_AnswersEveryOne(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);
        var queries = Enumerable.Range(0, 1000).Select(i => i % 2 == 0
            ? """{"package":{"ecosystem":"npm","name":"minimist"},"version":"0.0.8"}"""
            : $$"""{"package":{"ecosystem":"npm","name":"pkg-{{i}}"},"version":"1.0.0"}""");

        var (status, body) = await test.PostJsonAsync("/v1/querybatch",
            $$"""{"queries":[{{string.Join(',', queries)}}]}""");

        Assert.Equal(200, status);
        var results = body!["results"]!.AsArray();
        Assert.Equal(1000, results.Count);
        Assert.Equal(2, results[998]!["vulns"]!.AsArray().Count);
        Assert.Equal("{}", results[999]!.ToJsonString());
    }

    [Fact]
    public async Task QueryBatch_OneInvalidQuery_FailsTheBatchNamingItsIndex()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);

        var (status, body) = await test.PostJsonAsync("/v1/querybatch", """
            {"queries":[{"package":{"ecosystem":"npm","name":"minimist"},"version":"0.0.8"},{"package":{"name":"minimist"}}]}
            """);

        Assert.Equal(400, status);
        Assert.Equal(JsonNode.Parse("""{"code":3,"message":"error in query at index 1: invalid query"}"""), body,
            JsonNode.DeepEquals);
    }

    [Fact]
    public async Task QueryBatch_MalformedBody_Returns400()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);

        var (status, body) = await test.PostJsonAsync("/v1/querybatch", """{"queries":{}}""");

        Assert.Equal(400, status);
        Assert.Equal(3, (int)body!["code"]!);
    }
}
