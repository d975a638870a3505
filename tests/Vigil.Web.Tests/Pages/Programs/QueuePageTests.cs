using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Notifications;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.SavedReplies;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;
using Vigil.Web.Tests.Pages.Admin;

namespace Vigil.Web.Tests.Pages.Programs;

/// <summary>
/// The queue's form for many reports (<c>POST /programs/{slug}/queue?handler=Triage</c>): the team rejects or asks in
/// one step; a stranger, a signed-in outsider and a member without two-factor get 404; no antiforgery token, no
/// selection, too many, a report of another program or one the triager is recused from: refused, naming what is
/// wrong, and nothing changes.
/// </summary>
public class QueuePageTests
{
    private const string Marker = "QUEUE-PAGE-51ab";
    private const string Triage = "/programs/npm-eco/queue?handler=Triage";

    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Triage_Team_RejectsAndAsksInOneStep(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var (_, triager) = await WorkloadPageTests.TeamAsync(test);
        var spam = new List<long>();
        foreach (var package in new[] { "left-pad", "tiny-glob", "qs-lite" })
        {
            spam.Add(await SubmitAsync(test, "npm-eco", package, $"Spam {Marker}", $"{package}@example.test"));
        }
        var unclear = await SubmitAsync(test, "npm-eco", "deep-merge", $"Unclear {Marker}", "u@example.test");

        var rejected = await PostAsync(triager, Triage, [.. Ids(spam), ("action", "reject"), ("reason", "spam")]);
        long reply;
        using (var scope = test.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
            var id = (await users.FindByEmailAsync("triager@example.test"))!.Id;
            reply = (await scope.ServiceProvider.GetRequiredService<CreateSavedReply>().ExecuteAsync("npm-eco",
                Actor.User(id), "Which version", "Which version of {package} does report {report} affect?", Ct)).Id;
        }
        // Without JavaScript: the question left empty, the saved reply chosen.
        var asked = await PostAsync(triager, Triage, [.. Ids([unclear]), ("action", "ask"), ("question", ""),
            ("savedReply", reply.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var queue = await triager.Client.GetStringAsync("/programs/npm-eco/queue", Ct);

        Assert.Equal((HttpStatusCode.Redirect, "/programs/npm-eco/queue"), (rejected.Status, rejected.Location));
        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        Assert.Contains("1 report asked your question", Html(queue).QuerySelector("#flash")!.TextContent,
            StringComparison.Ordinal);
        await using var db = test.OpenDatabase();
        var states = await db.Reports.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new { r.State, r.RejectionReason }).ToListAsync(Ct);
        Assert.Equal(
            [(ReportState.Rejected, RejectionReason.Spam), (ReportState.Rejected, RejectionReason.Spam),
                (ReportState.Rejected, RejectionReason.Spam), (ReportState.NeedsMoreInformation, null)],
            states.Select(s => (s.State, (RejectionReason?)s.RejectionReason)));
        var vault = new ReportVault(Convert.FromBase64String(VigilFactory.MasterKey));
        var mails = (await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == OutboxKind.Email
                && (m.EventType == NotificationEvent.Rejected || m.EventType == NotificationEvent.NeedsMoreInformation))
            .ToListAsync(Ct)).Select(m => OutboxSeal.Opened(vault, m)).ToList();
        Assert.Equal(["left-pad@example.test", "qs-lite@example.test", "tiny-glob@example.test", "u@example.test"],
            mails.Select(m => m.Recipient).Order(StringComparer.Ordinal));
        var page = Html(await triager.Client.GetStringAsync($"/reports/{unclear}", Ct));
        Assert.Contains($"Which version of deep-merge does report {unclear} affect?",
            page.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Triage_OutsidersAndBadInput_RefusedAndNothingChanges(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var (_, triager) = await WorkloadPageTests.TeamAsync(test);
        await using (var db = test.OpenDatabase())
        {
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("other-eco", "Other ecosystem", "OTHER",
                new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        }
        var mine = await SubmitAsync(test, "npm-eco", "left-pad", $"Mine {Marker}", "a@example.test");
        var elsewhere = await SubmitAsync(test, "other-eco", "tiny-glob", $"Elsewhere {Marker}", "b@example.test");
        Guid triagerId;
        using (var scope = test.Factory.Services.CreateScope())
        {
            triagerId = (await scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>()
                .FindByEmailAsync("triager@example.test"))!.Id;
        }
        var own = await SubmitAsync(test, "npm-eco", "qs-lite", $"Own {Marker}", null, Actor.User(triagerId));
        var stranger = await ProgramAdminPagesTests.SignInAsync(test, "stranger@example.test", false, true);
        var noTwoFactor = await ProgramAdminPagesTests.SignInAsync(test, "member@example.test", false, false);
        using (var scope = test.Factory.Services.CreateScope())
        {
            var member = (await scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>()
                .FindByEmailAsync("member@example.test"))!.Id;
            await scope.ServiceProvider.GetRequiredService<AddProgramMember>()
                .ExecuteAsync("npm-eco", member, ProgramRole.Triager, Ct);
        }
        var anonymous = AccountSession.For(test.Factory);
        (string, string)[] reject = [.. Ids([mine]), ("action", "reject"), ("reason", "spam")];
        var before = await SnapshotAsync(test);

        var outsiders = new[]
        {
            await PostAsync(anonymous, Triage, reject, formPage: "/account/login"),
            await PostAsync(stranger, Triage, reject, formPage: "/account"),
            await PostAsync(noTwoFactor, Triage, reject, formPage: "/account"),
        };
        using var noToken = await triager.Client.PostAsync(Triage, new FormUrlEncodedContent(reject.ToKeyValues()),
            Ct);
        var other = await PostAsync(triager, Triage, [.. Ids([mine, elsewhere]), ("action", "reject"),
            ("reason", "spam")]);
        var recused = await PostAsync(triager, Triage, [.. Ids([mine, own]), ("action", "reject"), ("reason", "spam")]);
        var none = await PostAsync(triager, Triage, [("action", "reject"), ("reason", "spam")]);
        var many = await PostAsync(triager, Triage,
            [.. Ids(Enumerable.Range(1, 101).Select(i => (long)i)), ("action", "reject"), ("reason", "spam")]);
        var noQuestion = await PostAsync(triager, Triage, [.. Ids([mine]), ("action", "ask"), ("question", " ")]);

        Assert.All(outsiders, o =>
        {
            Assert.Equal(HttpStatusCode.NotFound, o.Status);
            Assert.DoesNotContain(Marker, o.Html, StringComparison.Ordinal);
        });
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
        Assert.Contains($"#{elsewhere} is not a report of this program", Problems(other.Html),
            StringComparison.Ordinal);
        Assert.DoesNotContain($"Elsewhere {Marker}", other.Html, StringComparison.Ordinal);
        Assert.Equal([mine.ToString()], Html(other.Html).QuerySelectorAll("input[name=ids]:checked")
            .Select(i => i.GetAttribute("value")));
        Assert.Equal(HttpStatusCode.Conflict, recused.Status);
        Assert.Contains($"You are recused from report #{own}", Problems(recused.Html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, none.Status);
        Assert.Contains("Reports: Choose the reports to triage", Problems(none.Html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, many.Status);
        Assert.Contains("at most 100 reports", Problems(many.Html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noQuestion.Status);
        Assert.Contains("Your question: Say what information is missing", Problems(noQuestion.Html),
            StringComparison.Ordinal);
        Assert.Equal("true", Html(noQuestion.Html).QuerySelector("#bulk-question")!.GetAttribute("aria-invalid"));
        Assert.Equal(before, await SnapshotAsync(test));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Queue_DuplicateGroup_ShownTogetherWithTheReportThatStands(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var (_, triager) = await WorkloadPageTests.TeamAsync(test);
        var first = await SubmitAsync(test, "npm-eco", "deep-merge", $"First {Marker}", "a@example.test");
        var apart = await SubmitAsync(test, "npm-eco", "left-pad", $"Apart {Marker}", "b@example.test");
        var later = await SubmitAsync(test, "npm-eco", "deep-merge", $"Later {Marker}", "c@example.test");

        var html = Html(await triager.Client.GetStringAsync("/programs/npm-eco/queue", Ct));

        var rows = html.QuerySelectorAll("#queue > li");
        Assert.Equal([first, later, apart], rows.Select(r => long.Parse(r.GetAttribute("data-report")!)));
        Assert.Contains("this report would stand", rows[0].QuerySelector(".duplicates")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal($"/reports/{first}#duplicate-group",
            rows[1].QuerySelector(".duplicates a")!.GetAttribute("href"));
        Assert.Null(rows[2].QuerySelector(".duplicates"));
        Assert.Equal(3, html.QuerySelectorAll("input[name=ids]").Length);
        Assert.Empty(html.QuerySelectorAll("script:not([src]):not([type='application/json'])"));
    }

    internal static async Task<long> SubmitAsync(WebTest test, string slug, string package, string title,
        string? email, Actor? actor = null)
    {
        using var scope = test.Factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<SubmitReport>().ExecuteAsync(slug,
            new SubmitReportRequest([new ReportPackageInput("npm", package, "<=1.4.1")], title,
                "A description long enough to read.", ReporterEmail: email), actor ?? Actor.Anonymous, Ct)).Id;
    }

    /// <summary>The form as a browser sends it (a field may repeat), with the antiforgery token of the page.</summary>
    private static async Task<(HttpStatusCode Status, string? Location, string Html)> PostAsync(
        AccountSession session, string path, (string Name, string Value)[] fields,
        string formPage = "/programs/npm-eco/queue")
    {
        var page = await session.Client.GetStringAsync(formPage, Ct);
        var token = Html(page).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var response = await session.Client.PostAsync(path,
            new FormUrlEncodedContent([.. fields.ToKeyValues(), new("__RequestVerificationToken", token)]), Ct);
        return (response.StatusCode, response.Headers.Location?.OriginalString,
            await response.Content.ReadAsStringAsync(Ct));
    }

    private static IEnumerable<(string, string)> Ids(IEnumerable<long> ids) =>
        ids.Select(id => ("ids", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static string Problems(string html) => Html(html).QuerySelector("#problems")?.TextContent ?? "";

    private static async Task<string> SnapshotAsync(WebTest test)
    {
        await using var db = test.OpenDatabase();
        var reports = await db.Reports.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => $"{r.Id}:{r.State}:{r.RejectionReason}").ToListAsync(Ct);
        return string.Join(",", reports) + $"; events {await db.ReportEvents.CountAsync(Ct)}"
            + $"; outbox {await db.OutboxMessages.CountAsync(Ct)}";
    }

    private static AngleSharp.Dom.IDocument Html(string html) => new HtmlParser().ParseDocument(html);
}

internal static class FormFields
{
    public static IEnumerable<KeyValuePair<string, string>> ToKeyValues(
        this IEnumerable<(string Name, string Value)> f) =>
        f.Select(p => new KeyValuePair<string, string>(p.Name, p.Value));
}
