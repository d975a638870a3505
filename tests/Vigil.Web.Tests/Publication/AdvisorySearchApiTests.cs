using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Publication;

public class AdvisorySearchApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_TextAndCwe_AnswersThePageOfMatches(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);

        var (status, body) =
            await test.GetAsync("/api/advisories?q=prototype%20pollution&cwe=1321&sort=newest&pageSize=1");

        Assert.Equal(200, status);
        Assert.Equal(2, body!["total"]!.GetValue<int>());
        Assert.Equal(2, body["pages"]!.GetValue<int>());
        var item = Assert.Single(body["items"]!.AsArray())!;
        Assert.Equal("GHSA-xvch-5gv4-984h", item["id"]!.GetValue<string>());
        Assert.Equal("critical", item["severity"]!.GetValue<string>());
        Assert.Equal("minimist", item["packages"]![0]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("cwe=79x", "cwe")]
    [InlineData("severity=severe", "severity")]
    [InlineData("sort=random", "sort")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("from=2024-13-01", "from")]
    public async Task Search_BadParameter_Answers400NamingIt(string query, string parameter)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var (status, body) = await test.GetAsync("/api/advisories?" + query);

        Assert.Equal(400, status);
        Assert.Equal([parameter], body!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Search_TextOverTheLimit_Answers400NamingQ()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var (status, body) = await test.GetAsync("/api/advisories?q=" + new string('a', 201));

        Assert.Equal(400, status);
        Assert.Equal(["q"], body!["errors"]!.AsObject().Select(e => e.Key));
    }
}
