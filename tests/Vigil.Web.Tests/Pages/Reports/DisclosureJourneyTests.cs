using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Reports;

/// <summary>
/// The journey through the real pages: an anonymous report, a two-factor triager who accepts and publishes
/// it, and the advisory then served by the OSV API and npm's bulk endpoint. Outsiders never see the report.
/// </summary>
public class DisclosureJourneyTests
{
    private const string Marker = "JOURNEY-MARKER-9d41";
    private const string Password = TestAccounts.Password;

    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Journey_AnonymousReportToPublishedAdvisory(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        await using (var db = test.OpenDatabase())
        {
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        }
        var triager = AccountSession.For(test.Factory);
        await triager.RegisterAsync("tri@example.test", Password);
        await triager.EnableTwoFactorAsync();
        await AddMemberAsync(test, "tri@example.test");

        // The reporter, without an account.
        var reporter = AccountSession.For(test.Factory);
        var (status, _, html) = await reporter.PostFormAsync("/reports/new", new Dictionary<string, string>
        {
            ["Program"] = "npm-eco",
            ["Ecosystem"] = "npm",
            ["PackageName"] = "deep-merge",
            ["AffectedVersions"] = "<=1.4.1",
            ["Title"] = $"Prototype pollution {Marker}",
            ["Description"] = $"Crafted **keys** pollute. {Marker}",
            ["ProofOfConcept"] = "merge(a, b)",
            ["ReporterEmail"] = "finder@example.test",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var submitted = await new HtmlParser().ParseDocumentAsync(html, Ct);
        var token = submitted.QuerySelector("#followup-token")!.TextContent;
        var link = submitted.QuerySelector("#report-link")!.GetAttribute("href")!;
        var mine = await Page(reporter, link);
        Assert.Equal($"Prototype pollution {Marker}", mine.Document.QuerySelector("#report-title")!.TextContent);
        Assert.Equal("new", mine.Document.QuerySelector("#report-state")!.GetAttribute("data-state"));
        Assert.Equal("keys", mine.Document.QuerySelector("#description strong")!.TextContent);

        // Outsiders: another browser, a signed-in stranger. Same 404 page, no trace of the report.
        var outsider = AccountSession.For(test.Factory);
        var stranger = AccountSession.For(test.Factory);
        await stranger.RegisterAsync("stranger@example.test", Password);
        foreach (var other in new[] { outsider, stranger })
        {
            var page = await Page(other, link);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain(Marker, page.Html, StringComparison.Ordinal);
            Assert.NotNull(page.Document.QuerySelector("#token-form"));
        }
        var queueForStranger = await Page(stranger, "/programs/npm-eco/queue");
        Assert.Equal(HttpStatusCode.NotFound, queueForStranger.Status);

        // The token opens the report in another browser.
        await outsider.PostFormAsync($"{link}?handler=Token", new Dictionary<string, string> { ["token"] = token },
            formPage: link);
        Assert.Equal(HttpStatusCode.OK, (await Page(outsider, link)).Status);

        // The triager's queue, accept, publish.
        var teamView = await Page(triager, link);
        Assert.Equal("mailto:finder@example.test",
            teamView.Document.QuerySelector("#reporter-contact a")!.GetAttribute("href"));
        var queue = await Page(triager, "/programs/npm-eco/queue");
        // The queue says the state and the deadline in words.
        var listed = queue.Document.QuerySelector("#queue")!;
        Assert.Contains(Marker, listed.TextContent, StringComparison.Ordinal);
        Assert.Equal("New", listed.QuerySelector(".state")!.TextContent);
        Assert.Matches(@"Triage due \w+day \d+ \w+ \d{4}, \d\d:\d\d UTC · .*left", listed.TextContent);
        Assert.Null(queue.Document.QuerySelector("#held"));
        // A report held for review (its reporter below the program's minimum signal) is listed apart.
        await using (var db = test.OpenDatabase())
        {
            await db.Reports.ExecuteUpdateAsync(set => set.SetProperty(r => r.HeldForReview, true), Ct);
        }
        var withHeld = await Page(triager, "/programs/npm-eco/queue");
        Assert.Contains(Marker, withHeld.Document.QuerySelector("#held")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, withHeld.Document.QuerySelector("#queue")!.TextContent,
            StringComparison.Ordinal);
        Assert.Contains("besides those held for review", withHeld.Document.QuerySelector("#empty")!.TextContent,
            StringComparison.Ordinal);
        var accepted = await triager.PostFormAsync($"{link}?handler=Accept", new Dictionary<string, string>(),
            formPage: link);
        Assert.Equal(HttpStatusCode.Redirect, accepted.Status);
        // Publishing goes through the check of what will be published; no fix was given, so it asks to confirm.
        var check = await Page(triager, $"{link}/publish");
        var revision = check.Document.QuerySelector("#publish-form input[name=revision]")!.GetAttribute("value")!;
        var published = await triager.PostFormAsync($"{link}/publish",
            new Dictionary<string, string> { ["revision"] = revision, ["publishAnyway"] = "true" },
            formPage: $"{link}/publish");
        Assert.Equal(HttpStatusCode.Redirect, published.Status);
        var after = await Page(reporter, link);
        Assert.DoesNotContain("finder@example.test",
            (await Page(reporter, $"/advisories/{after.Document.QuerySelector("#advisory-link")!.TextContent}")).Html,
            StringComparison.Ordinal);
        Assert.Equal("published", after.Document.QuerySelector("#report-state")!.GetAttribute("data-state"));
        var advisoryId = after.Document.QuerySelector("#advisory-link")!.TextContent;
        Assert.StartsWith("NPMSEC-", advisoryId, StringComparison.Ordinal);

        // Now public: the OSV API and npm's bulk endpoint carry it, open-ended (no fix was given).
        var osv = await test.GetAsync($"/v1/vulns/{advisoryId}");
        Assert.Equal(200, osv.Status);
        var (bulkStatus, bulk) = await test.PostJsonAsync("/-/npm/v1/security/advisories/bulk",
            """{"deep-merge":["1.4.1","9.0.0"]}""");
        Assert.Equal(200, bulkStatus);
        Assert.Equal("*", bulk!["deep-merge"]![0]!["vulnerable_versions"]!.GetValue<string>());
        // The proof of concept stays private.
        Assert.DoesNotContain("merge(a, b)", osv.Body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamMemberWithoutTwoFactor_SeesNoQueue()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        await using (var db = test.OpenDatabase())
        {
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        }
        var member = AccountSession.For(test.Factory);
        await member.RegisterAsync("no2fa@example.test", Password);
        await AddMemberAsync(test, "no2fa@example.test");

        var queue = await Page(member, "/programs/npm-eco/queue");

        Assert.Equal(HttpStatusCode.NotFound, queue.Status);
        Assert.Contains("two-factor", queue.Html, StringComparison.Ordinal);
    }

    private static async Task AddMemberAsync(WebTest test, string email)
    {
        using var scope = test.Factory.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>().FindByEmailAsync(email);
        await scope.ServiceProvider.GetRequiredService<AddProgramMember>()
            .ExecuteAsync("npm-eco", user!.Id, ProgramRole.Triager, Ct);
    }

    private static async Task<(HttpStatusCode Status, string Html, AngleSharp.Dom.IDocument Document)> Page(
        AccountSession session, string path)
    {
        using var response = await session.Client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, html, await new HtmlParser().ParseDocumentAsync(html, Ct));
    }
}
