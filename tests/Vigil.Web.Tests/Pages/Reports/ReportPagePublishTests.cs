using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Reports;

/// <summary>
/// Publishing from the report page goes through a check of what will be published: the advisory id, the package with
/// its exact affected and patched ranges and the CVE, with warnings when the agreed disclosure date is ahead or there
/// is no fix. Only the confirmation's POST, carrying the revision that was shown, publishes.
/// </summary>
public partial class ReportPageActionsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Publish_ShowsWhatWillBePublished_OnlyTheConfirmedRevisionPublishes(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var (triager, reporter, link) = await ReportOfTheProgramAsync(test,
            new ProgramSettings(ScopeEcosystems: ["npm"], ReservedCveIds: ["CVE-2026-90002"]));
        await Act(triager, link, "Cve", new() { ["action"] = "reserve" });
        var check = $"{link}/publish";

        // No fix yet: the check shows the open range, says why, and asks to tick "publish anyway".
        var page = await Page(triager, check);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("NPMSEC-" + DateTime.UtcNow.Year + "-1", page.Document.QuerySelector("#publish-id")!.TextContent);
        // no fix: open-ended, as the process requires
        Assert.Equal("*", page.Document.QuerySelector(".affected-range")!.TextContent);
        Assert.Equal("no fixed version", page.Document.QuerySelector(".patched")!.TextContent);
        Assert.Equal("CVE-2026-90002", page.Document.QuerySelector("#publish-cve")!.TextContent);
        Assert.Contains("npm/deep-merge has no fixed version: the published range is open-ended",
            page.Document.QuerySelector("#publish-warnings")!.TextContent, StringComparison.Ordinal);
        var revision = page.Document.QuerySelector("#publish-form input[name=revision]")!.GetAttribute("value")!;
        var unticked = await triager.PostFormAsync(check, new Dictionary<string, string> { ["revision"] = revision },
            formPage: check);
        Assert.Equal(HttpStatusCode.BadRequest, unticked.Status);
        Assert.Equal("true", Html(unticked.Html).QuerySelector("#publish-anyway")!.GetAttribute("aria-invalid"));
        Assert.NotNull(Html(unticked.Html).QuerySelector("#publish-anyway-error"));

        // The old one-click form is gone, and a POST without the shown revision only leads back to the check.
        var oneClick = await triager.PostFormAsync($"{link}?handler=Publish", new Dictionary<string, string>(),
            formPage: link);
        Assert.NotEqual(HttpStatusCode.Redirect, oneClick.Status);
        var noRevision = await triager.PostFormAsync(check,
            new Dictionary<string, string> { ["publishAnyway"] = "true" }, formPage: check);
        Assert.Equal((HttpStatusCode.Redirect, check), (noRevision.Status, noRevision.Location));
        await AssertNothingPublishedAsync(test);

        // The report changes after the check was shown (a fix, a disclosure date ahead): the old confirmation is
        // refused and the page shows the new ranges and the new warning.
        await Act(triager, link, "Invite", new() { ["email"] = "dev@deep-merge.test" });
        await Act(triager, link, "FixStarted");
        await Act(triager, link, "Fixed", new() { ["fixed[deep-merge]"] = "1.4.2" });
        await Act(triager, link, "DisclosureDate",
            new() { ["date"] = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-ddTHH:mm") });
        var stale = await triager.PostFormAsync(check,
            new Dictionary<string, string> { ["revision"] = revision, ["publishAnyway"] = "true" }, formPage: check);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("changed after you reviewed", Html(stale.Html).QuerySelector("#problem-publish")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal("<1.4.2", Html(stale.Html).QuerySelector(".affected-range")!.TextContent);
        Assert.Equal(">=1.4.2", Html(stale.Html).QuerySelector(".patched")!.TextContent);
        Assert.NotNull(Html(stale.Html).QuerySelector("#warn-disclosure"));
        await AssertNothingPublishedAsync(test);

        var current = Html(stale.Html).QuerySelector("#publish-form input[name=revision]")!.GetAttribute("value")!;
        var published = await triager.PostFormAsync(check,
            new Dictionary<string, string> { ["revision"] = current, ["publishAnyway"] = "true" }, formPage: check);
        Assert.Equal((HttpStatusCode.Redirect, link), (published.Status, published.Location));
        var after = await Page(triager, link);
        Assert.Equal("published", after.Document.QuerySelector("#report-state")!.GetAttribute("data-state"));
        Assert.Contains("Published as NPMSEC-", after.Document.QuerySelector("#flash")!.TextContent,
            StringComparison.Ordinal);
        Assert.Null((await Page(triager, link)).Document.QuerySelector("#flash")); // shown once

        // Anyone but the team gets no check: the reporter is told it is the team's, a stranger gets 404.
        Assert.Equal(HttpStatusCode.Conflict, (await Page(reporter, check)).Status);
        var stranger = AccountSession.For(test.Factory);
        await stranger.RegisterAsync("stranger@example.test", Password);
        Assert.Equal(HttpStatusCode.NotFound, (await Page(stranger, check)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Publish_WithoutCve_WarnsAndAsksToPublishAnyway(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var (triager, reporter, link) = await ReportOfTheProgramAsync(test);
        var check = $"{link}/publish";
        // No credit yet: the credits section says so instead of an empty list under its heading.
        var report = (await Page(triager, link)).Document;
        Assert.Null(report.QuerySelector("#credit-list"));
        Assert.Contains("No one is credited yet", report.QuerySelector("#no-credits")!.TextContent,
            StringComparison.Ordinal);

        var page = await Page(triager, check);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("none", page.Document.QuerySelector("#publish-cve")!.TextContent, StringComparison.Ordinal);
        var warning = page.Document.QuerySelector("#warn-no-cve")!;
        Assert.Contains("No CVE id is recorded", warning.TextContent, StringComparison.Ordinal);
        Assert.Equal($"{link}#cve-form", warning.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("without a CVE id",
            page.Document.QuerySelector("#publish-anyway")!.ParentElement!.TextContent, StringComparison.Ordinal);

        var revision = page.Document.QuerySelector("#publish-form input[name=revision]")!.GetAttribute("value")!;
        var unticked = await triager.PostFormAsync(check, new Dictionary<string, string> { ["revision"] = revision },
            formPage: check);
        Assert.Equal(HttpStatusCode.BadRequest, unticked.Status);
        await AssertNothingPublishedAsync(test);
        var ticked = await triager.PostFormAsync(check,
            new Dictionary<string, string> { ["revision"] = revision, ["publishAnyway"] = "true" }, formPage: check);
        Assert.Equal((HttpStatusCode.Redirect, link), (ticked.Status, ticked.Location));
    }

    private static async Task AssertNothingPublishedAsync(WebTest test)
    {
        await using var db = test.OpenDatabase();
        Assert.False(await db.Advisories.AnyAsync(Ct));
    }
}
