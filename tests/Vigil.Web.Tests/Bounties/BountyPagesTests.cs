using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Accounts;
using static Vigil.Web.Tests.Bounties.BountyApp;

namespace Vigil.Web.Tests.Bounties;

/// <summary>Bounties in the web UI: the admin's bounty table form, the report's bounty page, the account's
/// bounties.</summary>
public class BountyPagesTests
{
    [Fact]
    public async Task TablePage_AdminWithTwoFactorSaves_InvalidShowsField_OthersGet404()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite);
        var admin = AccountSession.For(app.Test.Factory);
        await admin.RegisterAsync("page-admin@example.test", Password);
        await admin.EnableTwoFactorAsync();
        await admin.LogoutAsync();
        await admin.LoginAsync("page-admin@example.test", Password);
        Assert.Equal(HttpStatusCode.Redirect,
            (await admin.PostFormAsync("/account/login-2fa",
                new Dictionary<string, string> { ["Code"] = admin.Code() })).Status);
        using (var scope = app.Test.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
            var user = db.Users.Single(u => u.Email == "page-admin@example.test");
            await new AddProgramMember(db, TimeProvider.System).ExecuteAsync("npm-eco", user.Id, ProgramRole.Admin, Ct);
        }

        var bad = await admin.PostFormAsync("/admin/programs/npm-eco/bounty",
            new Dictionary<string, string> { ["Currency"] = "XYZ", ["Min[high]"] = "9", ["Max[high]"] = "1" });
        var saved = await admin.PostFormAsync("/admin/programs/npm-eco/bounty", new Dictionary<string, string>
        {
            ["Currency"] = "USD",
            ["Min[critical]"] = "1000",
            ["Max[critical]"] = "5000",
            ["PaysFixer"] = "true",
            ["InScope"] = "all npm packages"
        });

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        var problem = new HtmlParser().ParseDocument(bad.Html).QuerySelector("#problem-bounty")!.TextContent;
        Assert.Contains("currency", problem, StringComparison.Ordinal);
        Assert.Contains("ranges[0].max", problem, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, "/admin/programs/npm-eco/bounty?saved=true"),
            (saved.Status, saved.Location));
        var (_, table) = await app.JsonAsync(null, HttpMethod.Get, "/api/programs/npm-eco/bounty-table");
        Assert.Equal("USD critical 1000-5000",
            $"{table!["currency"]} {table["ranges"]![0]!["severity"]} "
                + $"{table["ranges"]![0]!["min"]!.GetValue<decimal>():0}-"
                + $"{table["ranges"]![0]!["max"]!.GetValue<decimal>():0}");
        var reporter = await app.SignInAsync(Who.Reporter);
        Assert.Equal(HttpStatusCode.NotFound,
            (await reporter.Client.GetAsync("/admin/programs/npm-eco/bounty", Ct)).StatusCode);
    }

    [Fact]
    public async Task ReportBountyPage_RecipientSeesOwnShare_AndOptsIn()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite);
        await app.JsonAsync(Who.Admin, HttpMethod.Put, "/api/programs/npm-eco/bounty-table",
            """{"currency":"EUR","ranges":[{"severity":"high","min":500,"max":2000}],"paysFixer":true}""");
        var id = await app.AcceptedReportAsync("deep-merge", "x");
        await app.JsonAsync(Who.Triager, HttpMethod.Put, $"/api/reports/{id}/bounty",
            $$"""
            {"severity":"high","finderAmount":800,"fixerAmount":200,"fixerUserId":"{{app.Id(Who.Maintainer)}}","reason":"TEAM-ONLY-REASON"}
            """);
        var reporter = await app.SignInAsync(Who.Reporter);

        var html = await reporter.Client.GetStringAsync($"/reports/{id}/bounty", Ct);
        var posted = await reporter.PostFormAsync($"/reports/{id}/bounty?handler=Visibility",
            new Dictionary<string, string> { ["showPublicly"] = "true" }, formPage: $"/reports/{id}/bounty");
        var mine = await reporter.Client.GetStringAsync("/account/bounties", Ct);

        var shares = new HtmlParser().ParseDocument(html).QuerySelectorAll("#bounty-shares tbody tr");
        Assert.Equal("finder", Assert.Single(shares).GetAttribute("data-recipient"));
        Assert.DoesNotContain("TEAM-ONLY-REASON", html, StringComparison.Ordinal);
        Assert.DoesNotContain("award-form", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.True(
            (await app.JsonAsync(Who.Reporter, HttpMethod.Get,
                $"/api/reports/{id}/bounty")).Body!["shares"]![0]!["showPublicly"]!.GetValue<bool>());
        Assert.Contains("800 EUR", mine, StringComparison.Ordinal);
        var stranger = AccountSession.For(app.Test.Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/reports/{id}/bounty", Ct)).StatusCode);
    }

    [Fact]
    public async Task ReportBountyPage_TeamAwardsWithTheFixerPickedFromInvitedMaintainers()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite);
        await app.JsonAsync(Who.Admin, HttpMethod.Put, "/api/programs/npm-eco/bounty-table",
            """{"currency":"EUR","ranges":[{"severity":"high","min":500,"max":2000}],"paysFixer":true}""");
        var id = await app.AcceptedReportAsync("deep-merge", "x");
        var triager = AccountSession.For(app.Test.Factory);
        await triager.RegisterAsync("page-triager@example.test", Password);
        await triager.EnableTwoFactorAsync();
        await triager.LogoutAsync();
        await triager.LoginAsync("page-triager@example.test", Password);
        Assert.Equal(HttpStatusCode.Redirect,
            (await triager.PostFormAsync("/account/login-2fa",
                new Dictionary<string, string> { ["Code"] = triager.Code() })).Status);
        using (var scope = app.Test.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
            await new AddProgramMember(db, TimeProvider.System).ExecuteAsync("npm-eco",
                db.Users.Single(u => u.Email == "page-triager@example.test").Id, ProgramRole.Triager, Ct);
        }

        var page = new HtmlParser().ParseDocument(await triager.Client.GetStringAsync($"/reports/{id}/bounty", Ct));
        var options = page.QuerySelectorAll("#a-fixer-id option").Select(o => o.GetAttribute("value")).ToList();
        var awarded = await triager.PostFormAsync($"/reports/{id}/bounty?handler=Award", new Dictionary<string, string>
        {
            ["severity"] = "high",
            ["finderAmount"] = "900",
            ["fixerAmount"] = "300",
            ["fixerUserId"] = app.Id(Who.Maintainer).ToString()
        },
        formPage: $"/reports/{id}/bounty");

        Assert.Equal(["", app.Id(Who.Maintainer).ToString()], options);
        Assert.Equal(HttpStatusCode.Redirect, awarded.Status);
        var (_, bounty) = await app.JsonAsync(Who.Triager, HttpMethod.Get, $"/api/reports/{id}/bounty");
        Assert.Equal(["finder:900", "fixer:300"],
            bounty!["shares"]!.AsArray().Select(sh => $"{sh!["recipient"]}:{sh["amount"]!.GetValue<decimal>():0}")
                .Order());
        Assert.Equal(app.Id(Who.Maintainer),
            bounty["shares"]!.AsArray().Single(sh => sh!["recipient"]!.GetValue<string>() == "fixer")!["userId"]!
                .GetValue<Guid>());
    }
}
