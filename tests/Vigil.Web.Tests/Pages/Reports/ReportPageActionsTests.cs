using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Reports;

/// <summary>
/// Every action of the report page through its real forms: an anonymous report with an attachment, accept,
/// a CVE from the program's block, a maintainer invited by e-mail who accepts the link, uploads a patch,
/// starts and finishes the fix, a disclosure date, an extension vote the reporter and the team take part in,
/// publication and withdrawal. Outsiders get 404 for the report and its files throughout.
/// </summary>
public partial class ReportPageActionsTests
{
    private const string Marker = "ACTIONS-MARKER-3be7";
    private const string Password = TestAccounts.Password;

    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Journey_EveryActionThroughTheForms(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        await using (var db = test.OpenDatabase())
        {
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"], ReservedCveIds: ["CVE-2026-90001"]), Ct);
        }
        var triager = await TeamMemberAsync(test, "tri@example.test");
        var second = await TeamMemberAsync(test, "tri2@example.test");

        // A refused attachment refuses the whole report, naming the file; nothing is stored.
        var reporter = AccountSession.For(test.Factory);
        var refused = await reporter.PostMultipartAsync("/reports/new", ReportFields(),
            [("Attachments", "tool.exe", "MZ\u0090"u8.ToArray())]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(".exe files are not accepted", Html(refused.Html).QuerySelector("#problems")!.TextContent,
            StringComparison.Ordinal);
        await using (var db = test.OpenDatabase())
        {
            Assert.Equal(0, await db.Reports.CountAsync(Ct));
        }

        var poc = Encoding.UTF8.GetBytes($"// {Marker}\nrequire('deep-merge')({{}}, JSON.parse(payload));\n");
        var (status, _, html) = await reporter.PostMultipartAsync("/reports/new", ReportFields(),
            [("Attachments", "poc.js", poc)]);
        Assert.Equal(HttpStatusCode.OK, status);
        var link = Html(html).QuerySelector("#report-link")!.GetAttribute("href")!;
        var page = await Page(reporter, link);
        var download = page.Document.QuerySelector("#attachment-list a")!.GetAttribute("href")!;
        using (var file = await reporter.Client.GetAsync(download, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(poc, await file.Content.ReadAsByteArrayAsync(Ct));
            Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("poc.js",
                file.Content.Headers.ContentDisposition.FileNameStar
                    ?? file.Content.Headers.ContentDisposition.FileName);
            Assert.Equal("text/plain", file.Content.Headers.ContentType!.MediaType);
            Assert.Contains("sandbox", string.Join(" ", file.Headers.GetValues("Content-Security-Policy")),
                StringComparison.Ordinal);
        }
        var stranger = AccountSession.For(test.Factory);
        await stranger.RegisterAsync("stranger@example.test", Password);
        await AssertHiddenAsync(stranger, link, download);

        // Triage and a CVE from the block.
        await Act(triager, link, "Accept");
        await Act(triager, link, "Cve", new() { ["action"] = "reserve" });
        Assert.Contains("CVE-2026-90001 (reserved)",
            (await Page(reporter, link)).Document.QuerySelector("#cve")!.TextContent, StringComparison.Ordinal);

        // A maintainer invited by e-mail: the link from the e-mail, accepted signed in.
        await Act(triager, link, "Invite", new() { ["email"] = "dev@deep-merge.test" });
        Assert.Equal("maintainers-notified",
            (await Page(triager, link)).Document.QuerySelector("#report-state")!.GetAttribute("data-state"));
        var invitation = await InvitationLinkAsync(test);
        var maintainer = AccountSession.For(test.Factory);
        await maintainer.RegisterAsync("dev@deep-merge.test", Password);
        await AssertHiddenAsync(maintainer, link, download);
        var accepted = await maintainer.PostFormAsync(invitation,
            new Dictionary<string, string> { ["token"] = TokenOf(invitation) });
        Assert.Equal((HttpStatusCode.Redirect, link), (accepted.Status, accepted.Location));
        Assert.Contains("you are the maintainer",
            (await Page(maintainer, link)).Document.QuerySelector(".kicker")!.TextContent, StringComparison.Ordinal);
        var reused = AccountSession.For(test.Factory);
        await reused.RegisterAsync("other@example.test", Password);
        Assert.Equal(HttpStatusCode.NotFound,
            (await reused.PostFormAsync(invitation,
                new Dictionary<string, string> { ["token"] = TokenOf(invitation) })).Status);
        await AssertHiddenAsync(reused, link, download);

        // The maintainer attaches the patch, starts and finishes the fix.
        var patch = await maintainer.PostMultipartAsync($"{link}?handler=Attach", new Dictionary<string, string>(),
            [("files", "fix.patch", "--- a/index.js\n+++ b/index.js\n"u8.ToArray())], formPage: link);
        Assert.Equal(HttpStatusCode.Redirect, patch.Status);
        await Act(maintainer, link, "FixStarted");
        await Act(maintainer, link, "Fixed", new() { ["fixed[deep-merge]"] = "1.4.2" });
        var fixedPage = await Page(reporter, link);
        Assert.Equal("fixed", fixedPage.Document.QuerySelector("#report-state")!.GetAttribute("data-state"));
        Assert.Equal("Fixed", fixedPage.Document.QuerySelector("#report-state")!.TextContent);
        var teamPage = await Page(triager, link);
        Assert.Equal(
            "Weakness: CWE-1321: Improperly Controlled Modification of Object Prototype Attributes ('Prototype "
                + "Pollution')",
            teamPage.Document.QuerySelector("#weakness")!.TextContent);
        Assert.Equal(["Reported", "Triaged", "Maintainers"],
            fixedPage.Document.QuerySelectorAll("#progress li.done").Select(li => li.FirstChild!.TextContent));
        Assert.Equal("Fixed",
            fixedPage.Document.QuerySelector("#progress li[aria-current=step]")!.FirstChild!.TextContent);
        var events = fixedPage.Document.QuerySelectorAll("#timeline strong").Select(e => e.TextContent).ToList();
        Assert.Contains("Moved to Fixed", events);
        Assert.Contains("Moved to Fix in progress", events);
        Assert.DoesNotContain(events,
            e => e.Contains("StateChanged", StringComparison.Ordinal) || e.Contains('-', StringComparison.Ordinal));
        Assert.Equal(["poc.js", "fix.patch"],
            fixedPage.Document.QuerySelectorAll("#attachment-list a").Select(a => a.TextContent));

        // A disclosure date, then an extension vote: the reporter (by the follow-up cookie) and both triagers vote.
        var disclosure = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-ddTHH:mm");
        await Act(triager, link, "DisclosureDate", new() { ["date"] = disclosure });
        Assert.Contains("disclosure agreed",
            (await Page(reporter, link)).Document.QuerySelector("#disclosure")!.TextContent, StringComparison.Ordinal);
        var bad = await triager.PostFormAsync($"{link}?handler=Extension",
            new Dictionary<string, string> { ["reason"] = "x", ["proposedDueAt"] = "next week" }, formPage: link);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("Publish later, on", Html(bad.Html).QuerySelector("#problem")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal("true", Html(bad.Html).QuerySelector("#extension-date")!.GetAttribute("aria-invalid"));
        Assert.Equal("extension-date-error",
            Html(bad.Html).QuerySelector("#extension-date")!.GetAttribute("aria-describedby"));
        Assert.Contains("A date and time", Html(bad.Html).QuerySelector("#extension-date-error")!.TextContent,
            StringComparison.Ordinal);
        await Act(triager, link, "Extension",
            new()
            {
                ["reason"] = "The fix needs a coordinated release",
                ["proposedDueAt"] = DateTime.UtcNow.AddDays(80).ToString("yyyy-MM-ddTHH:mm")
            });
        await Act(reporter, link, "Ballot", new() { ["inFavour"] = "true" });
        await Act(triager, link, "Ballot", new() { ["inFavour"] = "true" });
        await Act(second, link, "Ballot", new() { ["inFavour"] = "false" });
        var vote = (await Page(reporter, link)).Document.QuerySelector("#extension-vote")!.TextContent;
        Assert.Contains("Vote approved", vote, StringComparison.Ordinal);
        Assert.Contains("2 for, 1 against", vote, StringComparison.Ordinal);

        // Publication: the advisory ends the range at the fix; then withdrawal.
        var check = await Page(triager, $"{link}/publish");
        Assert.Contains("before the agreed disclosure date", check.Document.QuerySelector("#publish-form")!.TextContent,
            StringComparison.Ordinal);
        var confirmed = await triager.PostFormAsync($"{link}/publish", new Dictionary<string, string>
        {
            ["revision"] = check.Document.QuerySelector("#publish-form input[name=revision]")!.GetAttribute("value")!,
            ["publishAnyway"] = "true",
        }, formPage: $"{link}/publish");
        Assert.Equal((HttpStatusCode.Redirect, link), (confirmed.Status, confirmed.Location));
        var (bulkStatus, bulk) = await test.PostJsonAsync("/-/npm/v1/security/advisories/bulk",
            """{"deep-merge":["1.4.1","1.4.2"]}""");
        Assert.Equal(200, bulkStatus);
        Assert.Equal("<1.4.2", bulk!["deep-merge"]![0]!["vulnerable_versions"]!.GetValue<string>());
        await Act(triager, link, "Withdraw", new() { ["reason"] = "Not exploitable after all" });
        Assert.Equal("withdrawn",
            (await Page(reporter, link)).Document.QuerySelector("#report-state")!.GetAttribute("data-state"));
        await AssertHiddenAsync(stranger, link, download);
    }

    [Fact]
    public async Task Action_NotAllowed_409WithTheReasonOnThePage()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var (triager, reporter, link) = await ReportOfTheProgramAsync(test, accept: false);

        var publishNew = await triager.PostFormAsync($"{link}?handler=Withdraw",
            new Dictionary<string, string> { ["reason"] = "no" }, formPage: link);
        var reporterAccepts = await reporter.PostFormAsync($"{link}?handler=Accept", new Dictionary<string, string>(),
            formPage: link);

        Assert.Equal(HttpStatusCode.Conflict, publishNew.Status);
        Assert.Contains("is new", Html(publishNew.Html).QuerySelector("#problem")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, reporterAccepts.Status);
        Assert.Equal("new",
            (await Page(reporter, link)).Document.QuerySelector("#report-state")!.GetAttribute("data-state"));
    }

    private static Dictionary<string, string> ReportFields() => new()
    {
        ["Program"] = "npm-eco",
        ["Ecosystem"] = "npm",
        ["PackageName"] = "deep-merge",
        ["AffectedVersions"] = "<=1.4.1",
        ["Title"] = $"Prototype pollution {Marker}",
        ["Description"] = $"Crafted keys pollute. {Marker}",
        ["Cwe"] = "CWE-1321",
    };

    /// <summary>
    /// The arrangement most report-page tests start from: the npm program (scope npm unless other settings are
    /// given), its triager, and a report a registered reporter filed through the form, accepted by the triager.
    /// </summary>
    private static async Task<(AccountSession Triager, AccountSession Reporter, string Link)> ReportOfTheProgramAsync(
        WebTest test, ProgramSettings? settings = null, bool accept = true)
    {
        await using (var db = test.OpenDatabase())
        {
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                settings ?? new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        }
        var triager = await TeamMemberAsync(test, "tri@example.test");
        var reporter = AccountSession.For(test.Factory);
        var (_, _, html) = await reporter.PostMultipartAsync("/reports/new", ReportFields(), []);
        var link = Html(html).QuerySelector("#report-link")!.GetAttribute("href")!;
        if (accept)
        {
            await Act(triager, link, "Accept");
        }
        return (triager, reporter, link);
    }

    private static async Task<AccountSession> TeamMemberAsync(WebTest test, string email)
    {
        var session = AccountSession.For(test.Factory);
        await session.RegisterAsync(email, Password);
        await session.EnableTwoFactorAsync();
        using var scope = test.Factory.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>().FindByEmailAsync(email);
        await scope.ServiceProvider.GetRequiredService<AddProgramMember>()
            .ExecuteAsync("npm-eco", user!.Id, ProgramRole.Triager, Ct);
        return session;
    }

    private static async Task Act(AccountSession session, string link, string handler,
        Dictionary<string, string>? fields = null)
    {
        var (status, location, html) = await session.PostFormAsync($"{link}?handler={handler}", fields ?? [],
            formPage: link);
        Assert.True(status == HttpStatusCode.Redirect && location == link,
            $"{handler}: {status} {Html(html).QuerySelector("#problem")?.TextContent}");
    }

    private static async Task AssertHiddenAsync(AccountSession session, string link, string download)
    {
        var page = await Page(session, link);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain(Marker, page.Html, StringComparison.Ordinal);
        using var file = await session.Client.GetAsync(download, Ct);
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.DoesNotContain(Marker, await file.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    /// <summary>The invitation link as e-mailed (from the outbox), as a path on the test server.</summary>
    private static async Task<string> InvitationLinkAsync(WebTest test)
    {
        await using var db = test.OpenDatabase();
        var mail = Vigil.Core.Notifications.OutboxSeal.Opened(
            new Vigil.Core.Reports.ReportVault(Convert.FromBase64String(VigilFactory.MasterKey)),
            await db.OutboxMessages.AsNoTracking()
                .Where(
                    m =>
                        m.EventType == Vigil.Core.Notifications.NotificationEvent.MaintainerInvited
                            && m.Kind == Vigil.Core.Notifications.OutboxKind.Email)
                .SingleAsync(Ct));
        Assert.Equal("dev@deep-merge.test", mail.Recipient);
        Assert.DoesNotContain(Marker, mail.TextBody + mail.Subject, StringComparison.Ordinal);
        return InvitationPath().Match(mail.TextBody).Value;
    }

    private static string TokenOf(string invitation) =>
        Uri.UnescapeDataString(invitation[(invitation.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    [GeneratedRegex(@"/reports/\d+/invitation#token=[A-Za-z0-9_%-]+")]
    private static partial Regex InvitationPath();

    private static AngleSharp.Dom.IDocument Html(string html) => new HtmlParser().ParseDocument(html);

    private static async Task<(HttpStatusCode Status, string Html, AngleSharp.Dom.IDocument Document)> Page(
        AccountSession session, string path)
    {
        using var response = await session.Client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, html, Html(html));
    }
}
