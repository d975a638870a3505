using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Community;

/// <summary>
/// Reputation and reporter profiles through the API and the pages: a program that reviews reporters below a signal and
/// limits new ones, the team releasing a held report, an anonymous credit, and the public profile that lists
/// credits and reputation without anything private (e-mail, anonymous credits, embargoed reports).
/// </summary>
public class ReputationApiTests
{
    private const string Embargoed = "EMBARGOED-MARKER-9d1e";

    private static CancellationToken Ct => WebTest.Ct;

    private static string Report(string package, string title, string? credit = "Ada L.") => new JsonObject
    {
        ["packages"] = new JsonArray(
            new JsonObject { ["ecosystem"] = "npm", ["name"] = package, ["affectedVersions"] = "<1.0.1" }),
        ["title"] = title,
        ["description"] = $"Details of {title}",
        ["creditName"] = credit,
    }.ToJsonString();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Journey_HeldLimitedAnonymousCredit_ProfileShowsOnlyPublicFacts(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var (ada, tess, eve) = await AccountsAsync(test);
        var client = new AccountSession(test.Factory.CreateClient());

        var profile = await client.JsonAsync(HttpMethod.Put, "/api/me/profile", """{"handle":"Ada-L"}""", ada);
        Assert.Equal((200, "ada-l", "/reporters/ada-l"),
            (client.LastStatus, profile!["handle"]!.GetValue<string>(), profile["url"]!.GetValue<string>()));

        // A new reporter without a signal: held; two a day, the third is 429 with Retry-After.
        var first = await client.JsonAsync(HttpMethod.Post, "/api/programs/npm-eco/reports",
            Report("left-pad", "Named finding"), ada);
        Assert.Equal((201, true), (client.LastStatus, first!["heldForReview"]!.GetValue<bool>()));
        var second = await client.JsonAsync(HttpMethod.Post, "/api/programs/npm-eco/reports",
            Report("is-even", "Anonymous finding"), ada);
        var third = await client.JsonAsync(HttpMethod.Post, "/api/programs/npm-eco/reports", Report("is-odd", "Third"),
            ada);
        Assert.Equal(429, client.LastStatus);
        Assert.Contains("2 reports a day", third!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using (var retry = new HttpRequestMessage(HttpMethod.Post, "/api/programs/npm-eco/reports")
        {
            Content = new StringContent(Report("is-odd", "Third"), System.Text.Encoding.UTF8, "application/json")
        })
        {
            retry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ada);
            using var response = await client.Client.SendAsync(retry, Ct);
            Assert.Equal(429, (int)response.StatusCode);
            Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 86_400 });
        }

        var (id1, id2) = (first["id"]!.GetValue<long>(), second!["id"]!.GetValue<long>());
        await client.JsonAsync(HttpMethod.Post, $"/api/reports/{id1}/release", "{}", eve);
        Assert.Equal(404, client.LastStatus);
        await client.JsonAsync(HttpMethod.Post, $"/api/reports/{id1}/release", "{}", ada);
        Assert.Equal(409, client.LastStatus);
        await client.JsonAsync(HttpMethod.Post, $"/api/reports/{id1}/release", "{}", tess);
        Assert.Equal(204, client.LastStatus);
        var queue = await client.JsonAsync(HttpMethod.Get, "/api/programs/npm-eco/queue", bearer: tess);
        Assert.Equal([(id1, false), (id2, true)],
            queue!.AsArray().Select(i => (i!["id"]!.GetValue<long>(), i["heldForReview"]!.GetValue<bool>())));

        await client.JsonAsync(HttpMethod.Put, $"/api/reports/{id2}/credits/anonymous", """{"anonymous":true}""", ada);
        Assert.Equal(204, client.LastStatus);
        var advisories = new List<string>();
        foreach (var id in new[] { id1, id2 })
        {
            await client.JsonAsync(HttpMethod.Post, $"/api/reports/{id}/accept", "{}", tess);
            Assert.Equal(204, client.LastStatus);
            advisories.Add(
                (await client.JsonAsync(HttpMethod.Post, $"/api/reports/{id}/publish", "{}", tess))!["advisoryId"]!
                    .GetValue<string>());
        }
        var anonymousAdvisory = await client.JsonAsync(HttpMethod.Get, $"/v1/vulns/{advisories[1]}");
        Assert.Equal("Anonymous", anonymousAdvisory!["credits"]![0]!["name"]!.GetValue<string>());

        // One more report, accepted and under embargo: never visible through the public profile.
        await SetLimitAsync(test, 0);
        var embargoed = await client.JsonAsync(HttpMethod.Post, "/api/programs/npm-eco/reports",
            Report("is-number", Embargoed), ada);
        await client.JsonAsync(HttpMethod.Post, $"/api/reports/{embargoed!["id"]}/accept", "{}", tess);

        var seenByAll = await client.JsonAsync(HttpMethod.Get, "/api/reporters/ADA-L");
        Assert.Equal(200, client.LastStatus);
        Assert.False(seenByAll!["isOwner"]!.GetValue<bool>());
        Assert.Equal((14, 2, 7.0, 0),
            (seenByAll["reputation"]!["points"]!.GetValue<int>(), seenByAll["reputation"]!["reports"]!.GetValue<int>(),
            seenByAll["reputation"]!["signal"]!.GetValue<double>(),
            seenByAll["reputation"]!["pendingReports"]!.GetValue<int>()));
        Assert.Equal([advisories[0]],
            seenByAll["credits"]!.AsArray().Select(c => c!["advisoryId"]!.GetValue<string>()));
        var seenByAda = await client.JsonAsync(HttpMethod.Get, "/api/reporters/ada-l", bearer: ada);
        Assert.Equal([advisories[1], advisories[0]],
            seenByAda!["credits"]!.AsArray().Select(c => c!["advisoryId"]!.GetValue<string>()));
        Assert.Equal(1, seenByAda["reputation"]!["pendingReports"]!.GetValue<int>());

        var page = await test.Client.GetStringAsync("/reporters/ada-l", Ct);
        Assert.Contains(advisories[0], page, StringComparison.Ordinal);
        foreach (var secret in new[] { advisories[1], "@example.test", Embargoed, "is-number" })
        {
            Assert.DoesNotContain(secret, page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, seenByAll.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain("embargo", page, StringComparison.OrdinalIgnoreCase);
        await client.JsonAsync(HttpMethod.Get, "/api/reporters/nobody");
        Assert.Equal(404, client.LastStatus);
        Assert.Equal(404, (int)(await test.Client.GetAsync("/reporters/nobody", Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_RulesProgramAndAccount_ShowTheSettingsAndTheTable(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var (ada, _, _) = await AccountsAsync(test);

        var rules = await test.Client.GetStringAsync("/reputation", Ct);
        var program = await test.Client.GetStringAsync("/programs/npm-eco", Ct);
        var api = await new AccountSession(test.Factory.CreateClient()).JsonAsync(HttpMethod.Get,
            "/api/reputation/rules");

        var table = (await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(rules,
            Ct)).QuerySelectorAll("#reputation-rules tbody tr")
            .Select(tr => string.Join("|", tr.QuerySelectorAll("td").Take(2).Select(td => td.TextContent))).ToList();
        Assert.Equal(
            ["published|+7", "accepted|+2", "duplicate|+1", "informative|0", "not-affected|0", "withdrawn|0",
                "not-applicable|-5", "spam|-10"],
            table);
        Assert.Contains("signal below 1 (or without a signal yet, or anonymous) are held", program,
            StringComparison.Ordinal);
        Assert.Contains("may submit 2 reports per 24 hours", program, StringComparison.Ordinal);
        Assert.Equal(table.Count, api!.AsArray().Count);

        var session = AccountSession.For(test.Factory);
        await session.RegisterAsync("bob@example.test", "a long enough password");
        var (status, location, _) = await session.PostFormAsync("/account/profile",
            new Dictionary<string, string> { ["handle"] = "bob" });
        Assert.Equal((302, "/account/profile"), ((int)status, location));
        var own = await session.Client.GetStringAsync("/account/profile", Ct);
        Assert.Contains("href=\"/reporters/bob\"", own, StringComparison.Ordinal);
        var (taken, _, html) = await session.PostFormAsync("/account/profile",
            new Dictionary<string, string> { ["handle"] = "ada-l" });
        Assert.Equal(409, (int)taken);
        Assert.Contains("is taken", html, StringComparison.Ordinal);
        var (bad, _, badHtml) = await session.PostFormAsync("/account/profile",
            new Dictionary<string, string> { ["handle"] = "-x" });
        Assert.Equal(400, (int)bad);
        Assert.Contains("not a profile handle", badHtml, StringComparison.Ordinal);
        Assert.Contains("bob", (await session.Client.GetStringAsync("/reporters/bob", Ct)), StringComparison.Ordinal);

        // The report form: a new reporter is held for review, and the third report of the day is refused, keeping what
        // was typed.
        var fields = new Dictionary<string, string>
        {
            ["Program"] = "npm-eco",
            ["Ecosystem"] = "npm",
            ["PackageName"] = "left-pad",
            ["AffectedVersions"] = "<1.0.1",
            ["Title"] = "Form finding",
            ["Description"] = "Details",
        };
        var (ok, _, okHtml) = await session.PostFormAsync("/reports/new", fields);
        Assert.Equal(200, (int)ok);
        Assert.Contains("held for that review", okHtml, StringComparison.Ordinal);
        await session.PostFormAsync("/reports/new", fields);
        var (limited, _, limitedHtml) = await session.PostFormAsync("/reports/new", fields);
        Assert.Equal(429, (int)limited);
        var form = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(limitedHtml, Ct);
        Assert.Contains("2 reports a day", form.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Form finding", form.QuerySelector("#title")?.GetAttribute("value"));
    }

    /// <summary>npm-eco (minimum signal 1, two reports a day for new reporters); Ada (reporter, handle ada-l), Tess
    /// (triager), Eve (stranger), with API tokens.</summary>
    private static async Task<(string Ada, string Tess, string Eve)> AccountsAsync(WebTest test)
    {
        using var scope = test.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"], RequireMinimumSignal: true, MinimumSignal: 1,
                NewReporterReportsPerDay: 2),
            Ct);
        var tokens = new List<string>();
        foreach (var name in new[] { "ada", "tess", "eve" })
        {
            var user = new VigilUser
            {
                UserName = $"{name}@example.test",
                Email = $"{name}@example.test",
                EmailConfirmed = true,
                DisplayName = name == "ada" ? "Ada Lovelace" : null,
                TwoFactorEnabled = true
            };
            Assert.True((await users.CreateAsync(user, "a long enough password")).Succeeded);
            if (name == "tess")
            {
                await new AddProgramMember(db, TimeProvider.System).ExecuteAsync("npm-eco", user.Id,
                    ProgramRole.Triager, Ct);
            }
            if (name == "ada")
            {
                user.ProfileHandle = "ada-l";
                await users.UpdateAsync(user);
            }
            tokens.Add(
                (await new ApiTokens(db, TimeProvider.System).CreateAsync(user.Id, "t",
                    [ApiScopes.ReportsRead, ApiScopes.ReportsWrite], null, Ct)).Secret);
        }
        return (tokens[0], tokens[1], tokens[2]);
    }

    private static async Task SetLimitAsync(WebTest test, int perDay)
    {
        await using var db = test.OpenDatabase();
        db.Programs.Single().NewReporterReportsPerDay = perDay;
        await db.SaveChangesAsync(Ct);
    }
}
