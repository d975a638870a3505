using Vigil.Core.Data;
using Vigil.Web.Tests.Bounties;
using static Vigil.Web.Tests.Bounties.BountyApp;

namespace Vigil.Web.Tests.Hacktivity;

/// <summary>
/// Hacktivity through the API and the pages: published reports only, newest first; the public timeline and
/// the leaderboard; and nothing private — an unpublished report, an internal note, the report's text, an e-mail,
/// a bounty its recipients did not agree to show — in any of them.
/// </summary>
public class HacktivityLeakTests
{
    private static readonly string[] Secrets =
        ["UNPUBLISHED-TITLE-88", "secret-pkg", "INTERNAL-NOTE-WEB-4d", "PRIVATE-DESC-31", "PRIVATE-POC-77",
            "hidden-mail", "1234", "7777"];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PublicPagesAndApi_ShowPublishedOnly_AndLeakNothing(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        await app.JsonAsync(Who.Admin, HttpMethod.Put, "/api/programs/npm-eco/bounty-table",
            """
            {"currency":"EUR","ranges":[{"severity":"high","min":500,"max":2000},{"severity":"critical","min":1000,"max":9000}]}
            """);
        var published = await app.AcceptedReportAsync("deep-merge", "Prototype pollution in deep-merge");
        await app.JsonAsync(Who.Triager, HttpMethod.Put, $"/api/reports/{published}/bounty",
            """{"severity":"high","finderAmount":1234}""");
        var advisory = await app.PublishAsync(published);
        var hidden = await app.AcceptedReportAsync("secret-pkg", "UNPUBLISHED-TITLE-88");
        await app.JsonAsync(Who.Triager, HttpMethod.Put, $"/api/reports/{hidden}/bounty",
            """{"severity":"critical","finderAmount":7777}""");
        await app.JsonAsync(Who.Reporter, HttpMethod.Post, $"/api/reports/{hidden}/bounty/visibility",
            """{"showPublicly":true}""");

        var paths = new[]
        {
            "/api/programs/npm-eco/hacktivity", $"/api/programs/npm-eco/hacktivity/{advisory}",
            "/api/programs/npm-eco/leaderboard?period=all",
            "/programs/npm-eco/hacktivity", $"/programs/npm-eco/hacktivity/{advisory}",
            "/programs/npm-eco/leaderboard?period=all",
        };
        foreach (var path in paths)
        {
            var (status, text, _) = await app.GetTextAsync(null, path);
            Assert.Equal(200, status);
            Assert.Contains(path.Contains("leaderboard", StringComparison.Ordinal) ? "Rae Porter" : advisory, text,
                StringComparison.Ordinal);
            foreach (var secret in Secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
        var (_, list) = await app.JsonAsync(null, HttpMethod.Get, "/api/programs/npm-eco/hacktivity");
        var item = list!["items"]!.AsArray().Single()!;
        Assert.Equal(["npm/deep-merge"], item["packages"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Null(item["bounty"]);
        Assert.Equal(404, (await app.GetTextAsync(null, "/api/programs/npm-eco/hacktivity/NPMSEC-NOPE")).Status);

        // The finder agrees: the amount is shown on the list and counted on the leaderboard.
        Assert.Equal(204,
            (await app.JsonAsync(Who.Reporter, HttpMethod.Post, $"/api/reports/{published}/bounty/visibility",
                """{"showPublicly":true}""")).Status);
        var (_, after) = await app.JsonAsync(null, HttpMethod.Get, "/api/programs/npm-eco/hacktivity");
        Assert.Equal(1234m, after!["items"]![0]!["bounty"]!["amount"]!.GetValue<decimal>());
        var (_, page, _) = await app.GetTextAsync(null, "/programs/npm-eco/leaderboard");
        Assert.Contains("1234 EUR", page, StringComparison.Ordinal);
        Assert.DoesNotContain("7777", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/programs/npm-eco/leaderboard?period=week", 400)]
    [InlineData("/api/programs/npm-eco/hacktivity?page=0", 400)]
    [InlineData("/api/programs/nope/hacktivity", 404)]
    [InlineData("/programs/nope/leaderboard", 404)]
    public async Task BadInput_ClearError(string path, int expected)
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite);

        var (status, _, _) = await app.GetTextAsync(null, path);

        Assert.Equal(expected, status);
    }
}
