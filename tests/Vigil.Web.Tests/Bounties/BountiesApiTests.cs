using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;
using static Vigil.Web.Tests.Bounties.BountyApp;

namespace Vigil.Web.Tests.Bounties;

/// <summary>Bounties through the JSON API: bounty table, award, payment state, the recipient's view, payout CSV,
/// SECURITY.md.</summary>
public class BountiesApiTests
{
    private const string Table = """
        {"currency":"EUR","ranges":[{"severity":"high","min":500,"max":2000},{"severity":"critical","min":2000,"max":10000}],
         "inScope":"npm packages","outOfScope":"self-XSS","paysFixer":true}
        """;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Bounty_FullJourney_ThroughTheApi(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        Assert.Equal(404,
            (await app.JsonAsync(Who.Triager, HttpMethod.Put, "/api/programs/npm-eco/bounty-table", Table)).Status);
        Assert.Equal(404, (await app.JsonAsync(null, HttpMethod.Get, "/api/programs/npm-eco/bounty-table")).Status);
        var (status, table) = await app.JsonAsync(Who.Admin, HttpMethod.Put, "/api/programs/npm-eco/bounty-table",
            Table);
        Assert.Equal(200, status);
        Assert.Equal("EUR", table!["currency"]!.GetValue<string>());
        Assert.Equal(200, (await app.JsonAsync(null, HttpMethod.Get, "/api/programs/npm-eco/bounty-table")).Status);
        var (_, md, _) = await app.GetTextAsync(null, "/api/programs/npm-eco/security-md");
        Assert.Contains("| high | 500–2000 EUR |", md, StringComparison.Ordinal);

        var id = await app.AcceptedReportAsync("deep-merge", "Prototype pollution");
        var award = $$"""
            {"severity":"high","finderAmount":1000,"fixerAmount":250.5,"fixerUserId":"{{app.Id(Who.Maintainer)}}"}
            """;
        Assert.Equal(409,
            (await app.JsonAsync(Who.Reporter, HttpMethod.Put, $"/api/reports/{id}/bounty", award)).Status);
        Assert.Equal(404,
            (await app.JsonAsync(Who.Stranger, HttpMethod.Put, $"/api/reports/{id}/bounty", award)).Status);
        var (awarded, view) = await app.JsonAsync(Who.Triager, HttpMethod.Put, $"/api/reports/{id}/bounty", award);
        Assert.Equal(200, awarded);
        Assert.Equal(1250.5m, view!["total"]!.GetValue<decimal>());

        var (_, mine) = await app.JsonAsync(Who.Reporter, HttpMethod.Get, $"/api/reports/{id}/bounty");
        Assert.Equal("finder", mine!["shares"]!.AsArray().Single()!["recipient"]!.GetValue<string>());
        Assert.Equal(404, (await app.JsonAsync(Who.Stranger, HttpMethod.Get, $"/api/reports/{id}/bounty")).Status);
        Assert.Equal(204,
            (await app.JsonAsync(Who.Maintainer, HttpMethod.Post, $"/api/reports/{id}/bounty/decline")).Status);
        Assert.Equal(204,
            (await app.JsonAsync(Who.Triager, HttpMethod.Post, $"/api/reports/{id}/bounty/paid",
                $$"""{"recipient":"finder","paidOn":"{{DateTime.UtcNow:yyyy-MM-dd}}"}""")).Status);
        Assert.Equal(409, (await app.JsonAsync(Who.Triager, HttpMethod.Delete, $"/api/reports/{id}/bounty")).Status);
        var (_, list) = await app.JsonAsync(Who.Reporter, HttpMethod.Get, "/api/me/bounties");
        Assert.Equal("paid", list!.AsArray().Single()!["state"]!.GetValue<string>());

        var (csvStatus, csv, type) = await app.GetTextAsync(Who.Admin, "/api/programs/npm-eco/bounties/payouts.csv");
        Assert.Equal((200, "text/csv"), (csvStatus, type));
        Assert.StartsWith(
            "report,advisory,severity,recipient,account,email,amount,currency,state,awarded_at,paid_at,reason\r\n", csv,
            StringComparison.Ordinal);
        Assert.Contains($",finder,{app.Id(Who.Reporter)},reporter@example.test,1000,EUR,paid,", csv,
            StringComparison.Ordinal);
        Assert.Contains(",fixer,", csv, StringComparison.Ordinal);
        Assert.Equal(404, (await app.GetTextAsync(Who.Triager, "/api/programs/npm-eco/bounties/payouts.csv")).Status);
    }

    [Theory]
    [InlineData("""{"currency":"EURO","ranges":[{"severity":"high","min":1,"max":2}]}""", "currency")]
    [InlineData("""{"currency":"EUR","ranges":[{"severity":"medium","min":1,"max":2}]}""", "ranges[0].severity")]
    [InlineData("""{"currency":"EUR","ranges":[{"severity":"high","min":3,"max":2}]}""", "ranges[0].max")]
    [InlineData("""{"currency":"EUR","ranges":[{"severity":"high","min":-3,"max":2}]}""", "ranges[0].min")]
    [InlineData("""{"currency":"EUR","ranges":[]}""", "ranges")]
    public async Task PutTable_Invalid_ProblemNamesTheField(string body, string field)
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite);

        var (status, problem) = await app.JsonAsync(Who.Admin, HttpMethod.Put, "/api/programs/npm-eco/bounty-table",
            body);

        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]![field]);
    }

    [Theory]
    [InlineData("""{"severity":"high","finderAmount":5000}""", "reason")]
    [InlineData("""{"severity":"low","finderAmount":600}""", "severity")]
    [InlineData("""{"severity":"high","finderAmount":-1}""", "finderAmount")]
    public async Task Award_Invalid_ProblemNamesTheField(string body, string field)
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite);
        await app.JsonAsync(Who.Admin, HttpMethod.Put, "/api/programs/npm-eco/bounty-table", Table);
        var id = await app.AcceptedReportAsync("deep-merge", "x");

        var (status, problem) = await app.JsonAsync(Who.Triager, HttpMethod.Put, $"/api/reports/{id}/bounty", body);

        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]![field]);
    }
}
