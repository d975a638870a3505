using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;
using Vigil.Web.Tests.Pages.Admin;
using Vigil.Web.Tests.Programs;

namespace Vigil.Web.Tests.Pages.Programs;

/// <summary>
/// <c>/programs/{slug}/workload</c>: the program's administrators see the counts, the week's deadlines in words with
/// business days left (overdue ones marked) and the team's load; a triager, a stranger or a token: 404. The queue and
/// the administration page link to it.
/// </summary>
public class WorkloadPageTests
{
    private const string Marker = "WORKLOAD-PAGE-9c2d";

    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Admin_Workload_TablesInWordsOverdueMarked(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var (admin, triager) = await TeamAsync(test);
        var fresh = await WorkloadApiTests.SubmitAsync(test.Factory.Services, "npm-eco", $"Fresh {Marker}");
        var late = await WorkloadApiTests.SubmitAsync(test.Factory.Services, "npm-eco", $"Late {Marker}");
        await using (var db = test.OpenDatabase())
        {
            var past = DateTimeOffset.UtcNow.AddDays(-3);
            await db.Reports.Where(r => r.Id == late)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.TriageDueAt, past), Ct);
        }

        using var response = await admin.Client.GetAsync("/programs/npm-eco/workload", Ct);
        var html = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        var queue = await admin.Client.GetStringAsync("/programs/npm-eco/queue", Ct);
        var edit = await admin.Client.GetStringAsync("/admin/programs/npm-eco", Ct);
        var triagerQueue = await triager.Client.GetStringAsync("/programs/npm-eco/queue", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("New", html.QuerySelector("#state-table tr[data-state=new] th")!.TextContent.Trim());
        Assert.Equal("2", html.QuerySelector("#state-table tr[data-state=new] td[data-label=Total]")!.TextContent);
        Assert.Contains("2 open reports", html.QuerySelector("#summary")!.TextContent, StringComparison.Ordinal);
        var rows = html.QuerySelectorAll("#deadline-table tbody tr");
        Assert.Equal([late.ToString(), fresh.ToString()], rows.Select(r => r.GetAttribute("data-report")));
        Assert.Equal("overdue", rows[0].ClassName);
        Assert.DoesNotContain("overdue", rows[1].ClassList);
        Assert.Contains($"Late {Marker}", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Matches(@"Overdue:\s+Triage due \w+day \d+ \w+ \d{4}, \d\d:\d\d UTC · overdue by",
            rows[0].QuerySelector("td[data-label=Due]")!.TextContent);
        Assert.Matches(@"Triage due \w+day \d+ \w+ \d{4}, \d\d:\d\d UTC · 1 business day .*left",
            rows[1].QuerySelector("td[data-label=Due]")!.TextContent);
        Assert.Equal("New", rows[1].QuerySelector("td[data-label=State]")!.TextContent);
        Assert.Equal(["admin@example.test", "triager@example.test"],
            html.QuerySelectorAll("#member-table tbody th .small").Select(t => t.TextContent));
        Assert.Contains("href=\"/programs/npm-eco/workload\"", queue, StringComparison.Ordinal);
        Assert.Contains("href=\"/programs/npm-eco/workload\"", edit, StringComparison.Ordinal);
        Assert.DoesNotContain("/programs/npm-eco/workload", triagerQueue, StringComparison.Ordinal);
        Assert.Empty(html.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task Outsiders_Workload_404WithoutAWord()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var (admin, triager) = await TeamAsync(test);
        await WorkloadApiTests.SubmitAsync(test.Factory.Services, "npm-eco", $"Fresh {Marker}");
        var stranger = await ProgramAdminPagesTests.SignInAsync(test, "stranger@example.test", instanceAdmin: false,
            twoFactor: true);
        string adminToken;
        await using (var db = test.OpenDatabase())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "admin@example.test", Ct);
            adminToken = (await new ApiTokens(db, TimeProvider.System).CreateAsync(user.Id, "all",
                [.. ApiScopes.All], null, Ct)).Secret;
        }

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var client in new[] { triager.Client, stranger.Client, test.Factory.CreateClient() })
        {
            using var response = await client.GetAsync("/programs/npm-eco/workload", Ct);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync(Ct)));
        }
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/programs/npm-eco/workload");
        withToken.Headers.Authorization = new("Bearer", adminToken);
        using var tokenAnswer = await test.Factory.CreateClient().SendAsync(withToken, Ct);
        answers.Add((tokenAnswer.StatusCode, await tokenAnswer.Content.ReadAsStringAsync(Ct)));
        using var missing = await admin.Client.GetAsync("/programs/no-such-program/workload", Ct);

        Assert.All(answers, a =>
        {
            Assert.Equal(HttpStatusCode.NotFound, a.Item1);
            Assert.Contains("id=\"not-found\"", a.Item2, StringComparison.Ordinal);
            Assert.DoesNotContain(Marker, a.Item2, StringComparison.Ordinal);
        });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>The program npm-eco with an administrator and a triager, each signed in with two-factor.</summary>
    internal static async Task<(AccountSession Admin, AccountSession Triager)> TeamAsync(WebTest test)
    {
        await using (var db = test.OpenDatabase())
        {
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        }
        var admin = await ProgramAdminPagesTests.SignInAsync(test, "admin@example.test", false, true);
        var triager = await ProgramAdminPagesTests.SignInAsync(test, "triager@example.test", false, true);
        using var scope = test.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
        var add = scope.ServiceProvider.GetRequiredService<AddProgramMember>();
        await add.ExecuteAsync("npm-eco", (await users.FindByEmailAsync("admin@example.test"))!.Id, ProgramRole.Admin,
            Ct);
        await add.ExecuteAsync("npm-eco", (await users.FindByEmailAsync("triager@example.test"))!.Id,
            ProgramRole.Triager, Ct);
        return (admin, triager);
    }
}
