using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Reports;

/// <summary>The report page's Participants section: the team's list, with forms to revoke an unused invitation and to remove a maintainer.</summary>
public partial class ReportPageActionsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Participants_TeamRevokesAndRemovesThroughTheForms_OthersSeeNoList(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        await using (var db = test.OpenDatabase())
        {
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC", new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        }
        var triager = await TeamMemberAsync(test, "tri@example.test");
        var reporter = AccountSession.For(test.Factory);
        var (_, _, html) = await reporter.PostMultipartAsync("/reports/new", ReportFields(), []);
        var link = Html(html).QuerySelector("#report-link")!.GetAttribute("href")!;
        await Act(triager, link, "Accept");
        await Act(triager, link, "Invite", new() { ["email"] = "dev@deep-merge.test" });
        var invitation = await InvitationLinkAsync(test);
        var revoke = (await Page(triager, link)).Document.QuerySelector("#participants button[id^=revoke-]")!;
        var invitationId = revoke.Id!["revoke-".Length..];

        await Act(triager, link, "RevokeInvitation", new() { ["invitationId"] = invitationId });

        var maintainer = AccountSession.For(test.Factory);
        await maintainer.RegisterAsync("dev@deep-merge.test", Password);
        Assert.Equal(HttpStatusCode.NotFound, (await maintainer.PostFormAsync(invitation, new Dictionary<string, string> { ["token"] = TokenOf(invitation) })).Status);
        Assert.Null((await Page(triager, link)).Document.QuerySelector("#participants button[id^=revoke-]"));

        // Invited again, accepted, then removed: the report is gone for them at once.
        await Act(triager, link, "Invite", new() { ["email"] = "dev@deep-merge.test" });
        var second = InvitationPath().Matches(await OutboxTextAsync(test)).Last().Value;
        Assert.Equal(HttpStatusCode.Redirect, (await maintainer.PostFormAsync(second, new Dictionary<string, string> { ["token"] = TokenOf(second) })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Page(maintainer, link)).Status);
        Assert.Null((await Page(maintainer, link)).Document.QuerySelector("#participants"));
        Assert.Null((await Page(reporter, link)).Document.QuerySelector("#participants"));
        var list = (await Page(triager, link)).Document.QuerySelector("#participants")!;
        Assert.Contains("dev@deep-merge.test", list.TextContent, StringComparison.Ordinal);
        var participantId = list.QuerySelector("button[id^=remove-]")!.Id!["remove-".Length..];

        await Act(triager, link, "RemoveParticipant", new() { ["participantId"] = participantId });

        Assert.Equal(HttpStatusCode.NotFound, (await Page(maintainer, link)).Status);
        Assert.Contains("ParticipantRemoved", (await Page(triager, link)).Html, StringComparison.Ordinal);
    }

    /// <summary>Every invitation e-mail's text in the outbox, oldest first.</summary>
    private static async Task<string> OutboxTextAsync(WebTest test)
    {
        await using var db = test.OpenDatabase();
        var vault = new Vigil.Core.Reports.ReportVault(Convert.FromBase64String(VigilFactory.MasterKey));
        var mails = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.EventType == Vigil.Core.Notifications.NotificationEvent.MaintainerInvited && m.Kind == Vigil.Core.Notifications.OutboxKind.Email)
            .OrderBy(m => m.Id).ToListAsync(Ct);
        return string.Join("\n", mails.Select(m => Vigil.Core.Notifications.OutboxSeal.Opened(vault, m).TextBody)); // bodies are sealed at rest
    }
}
