using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.SavedReplies;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.SavedReplies;

/// <summary>
/// The team's saved-replies page through its real forms (no JavaScript), and a saved reply used on a report page's
/// comment and question forms: left empty, the form posts the chosen reply expanded for the report.
/// </summary>
public class SavedReplyPagesTests
{
    private const string Page = "/programs/npm-eco/saved-replies";

    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ManagePage_AddEditDelete_ThroughTheForms_OthersNotFound(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);
        var triager = await TeamMemberAsync(test, "tri@example.test");

        var added = await triager.PostFormAsync($"{Page}?handler=Add",
            new Dictionary<string, string> { ["title"] = "Needs a PoC", ["body"] = "Please send a PoC for {report}." },
            Page);
        Assert.Equal((HttpStatusCode.Redirect, Page), (added.Status, added.Location));
        var taken = await triager.PostFormAsync($"{Page}?handler=Add",
            new Dictionary<string, string> { ["title"] = "NEEDS A POC", ["body"] = "Typed text kept." }, Page);
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        var takenHtml = Html(taken.Html);
        Assert.Contains("title", takenHtml.QuerySelector("#problem-add")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Typed text kept.", takenHtml.QuerySelector("#add-body")!.TextContent);
        var empty = await triager.PostFormAsync($"{Page}?handler=Add",
            new Dictionary<string, string> { ["title"] = "No body", ["body"] = " " }, Page);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("body", Html(empty.Html).QuerySelector("#problem-add")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", Html(empty.Html).QuerySelector("#add-body")!.GetAttribute("aria-invalid"));

        var id = (await ListAsync(test)).Single().Id;
        var list = Html(await triager.Client.GetStringAsync(Page, Ct));
        Assert.Equal("Needs a PoC", list.QuerySelector($"#reply-{id} h3")!.TextContent);
        var edit = Html(await triager.Client.GetStringAsync($"{Page}?edit={id}", Ct));
        Assert.Equal("Needs a PoC", edit.QuerySelector("#edit-title")!.GetAttribute("value"));
        var edited = await triager.PostFormAsync($"{Page}?handler=Edit",
            new Dictionary<string, string>
            {
                ["replyId"] = $"{id}",
                ["title"] = "Out of scope",
                ["body"] = "{package} is not in {program}.",
            }, $"{Page}?edit={id}");
        Assert.Equal(HttpStatusCode.Redirect, edited.Status);
        Assert.Equal(("Out of scope", "{package} is not in {program}."),
            (await ListAsync(test)).Select(r => (r.Title, r.Body)).Single());

        var stranger = AccountSession.For(test.Factory);
        await stranger.RegisterAsync("stranger@example.test", TestAccounts.Password);
        using (var response = await stranger.Client.GetAsync(Page, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Out of scope", await response.Content.ReadAsStringAsync(Ct),
                StringComparison.Ordinal);
        }
        var refused = await stranger.PostFormAsync($"{Page}?handler=Delete",
            new Dictionary<string, string> { ["replyId"] = $"{id}" }, "/reports/new");
        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        using (var anonymous = await test.Client.GetAsync(Page, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        }

        var deleted = await triager.PostFormAsync($"{Page}?handler=Delete",
            new Dictionary<string, string> { ["replyId"] = $"{id}" }, Page);
        Assert.Equal(HttpStatusCode.Redirect, deleted.Status);
        Assert.Empty(await ListAsync(test));
        Assert.NotNull(Html(await triager.Client.GetStringAsync(Page, Ct)).QuerySelector("#empty"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReportPage_EmptyTextAndSavedReply_PostsTheReplyExpanded(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);
        var triager = await TeamMemberAsync(test, "tri@example.test");
        var (report, token) = await SubmitAsync(test);
        var link = $"/reports/{report}";
        var poc = await CreateAsync(test, "npm-eco", "Needs a PoC", "Report {report} on {package} ({program}): PoC?");
        var note = await CreateAsync(test, "npm-eco", "Note", "Seen {unknown} in {report}.");
        var foreign = await CreateAsync(test, "core", "Theirs", "Another program's reply.");

        var page = Html(await triager.Client.GetStringAsync(link, Ct));
        Assert.Equal(["", $"{poc}", $"{note}"],
            page.QuerySelectorAll("#comment-saved option").Select(o => o.GetAttribute("value")));
        Assert.Equal(3, page.QuerySelectorAll("#question-saved option").Length);
        Assert.Null(page.QuerySelector("#comment")!.GetAttribute("required"));
        Assert.Contains($"Report {report} on deep-merge (npm ecosystem): PoC?",
            page.QuerySelector("#saved-replies-data")!.TextContent, StringComparison.Ordinal);

        // Another program's reply is not this report's: 404 beside the form, nothing posted.
        var wrong = await triager.PostFormAsync($"{link}?handler=Comment",
            new Dictionary<string, string> { ["text"] = "", ["savedReply"] = $"{foreign}" }, link);
        Assert.Equal(HttpStatusCode.NotFound, wrong.Status);
        Assert.NotNull(Html(wrong.Html).QuerySelector("#problem"));

        var comment = await triager.PostFormAsync($"{link}?handler=Comment",
            new Dictionary<string, string> { ["text"] = "", ["savedReply"] = $"{note}", ["isInternal"] = "true" },
            link);
        Assert.Equal(HttpStatusCode.Redirect, comment.Status);
        // Typed text wins over the chosen reply.
        var typed = await triager.PostFormAsync($"{link}?handler=Comment",
            new Dictionary<string, string> { ["text"] = "My own words.", ["savedReply"] = $"{note}" }, link);
        Assert.Equal(HttpStatusCode.Redirect, typed.Status);
        var question = await triager.PostFormAsync($"{link}?handler=Question",
            new Dictionary<string, string> { ["question"] = " ", ["savedReply"] = $"{poc}" }, link);
        Assert.Equal(HttpStatusCode.Redirect, question.Status);

        var after = Html(await triager.Client.GetStringAsync(link, Ct));
        var timeline = after.QuerySelector("#timeline")!.TextContent;
        Assert.Contains($"Seen {{unknown}} in {report}.", timeline, StringComparison.Ordinal);
        Assert.Contains("My own words.", timeline, StringComparison.Ordinal);
        Assert.Equal("needs-more-information", after.QuerySelector("#report-state")!.GetAttribute("data-state"));
        Assert.Contains($"Report {report} on deep-merge (npm ecosystem): PoC?",
            after.QuerySelector("#open-question")!.TextContent, StringComparison.Ordinal);

        // The reporter sees the question, and neither the replies nor their select.
        using var reporter = test.Factory.CreateClient();
        reporter.DefaultRequestHeaders.Add("Cookie", $"vigil.followup.{report}={token}");
        var reporterHtml = await reporter.GetStringAsync(link, Ct);
        Assert.Contains("PoC?", reporterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("saved-replies-data", reporterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Needs a PoC", reporterHtml, StringComparison.Ordinal);
        Assert.NotNull(Html(reporterHtml).QuerySelector("#comment")!.GetAttribute("required"));
    }

    private static async Task<WebTest> StartAsync(DatabaseProvider provider)
    {
        var test = await WebTest.StartAsync(provider, seed: false);
        await using var db = test.OpenDatabase();
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("core", "runtime core", "CORE",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        return test;
    }

    internal static async Task<AccountSession> TeamMemberAsync(WebTest test, string email)
    {
        var session = AccountSession.For(test.Factory);
        await session.RegisterAsync(email, TestAccounts.Password);
        await session.EnableTwoFactorAsync();
        using var scope = test.Factory.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>().FindByEmailAsync(email);
        await scope.ServiceProvider.GetRequiredService<AddProgramMember>()
            .ExecuteAsync("npm-eco", user!.Id, ProgramRole.Triager, Ct);
        return session;
    }

    internal static async Task<(long Id, string Token)> SubmitAsync(WebTest test)
    {
        using var scope = test.Factory.Services.CreateScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<SubmitReport>().ExecuteAsync("npm-eco",
            new SubmitReportRequest([new ReportPackageInput("npm", "deep-merge", "<=1.4.1")], "Prototype pollution",
                "Merging pollutes Object.prototype."),
            Actor.Anonymous, Ct);
        return (submitted.Id, submitted.FollowUpToken!);
    }

    internal static async Task<long> CreateAsync(WebTest test, string slug, string title, string body)
    {
        using var scope = test.Factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<CreateSavedReply>()
            .ExecuteAsync(slug, Actor.System, title, body, Ct)).Id;
    }

    private static async Task<IReadOnlyList<SavedReplyView>> ListAsync(WebTest test)
    {
        using var scope = test.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ListSavedReplies>()
            .ExecuteAsync("npm-eco", Actor.System, Ct);
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Html(string html) => new HtmlParser().ParseDocument(html);
}
