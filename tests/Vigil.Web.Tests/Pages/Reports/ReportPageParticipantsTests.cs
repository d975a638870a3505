using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Reports;

/// <summary>The report page's participants: the team's full list, with forms to revoke an unused invitation and to
/// remove a maintainer; the others' list by part and date.</summary>
public partial class ReportPageActionsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Participants_TeamRevokesAndRemovesThroughTheForms_OthersSeePartsOnly(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var (triager, reporter, link) = await ReportOfTheProgramAsync(test);
        await Act(triager, link, "Invite", new() { ["email"] = "dev@deep-merge.test" });
        var invitation = await InvitationLinkAsync(test);
        var revoke = (await Page(triager, link)).Document.QuerySelector("#participants button[id^=revoke-]")!;
        var invitationId = revoke.Id!["revoke-".Length..];

        await Act(triager, link, "RevokeInvitation", new() { ["invitationId"] = invitationId });

        var maintainer = AccountSession.For(test.Factory);
        await maintainer.RegisterAsync("dev@deep-merge.test", Password);
        Assert.Equal(HttpStatusCode.NotFound,
            (await maintainer.PostFormAsync(invitation,
                new Dictionary<string, string> { ["token"] = TokenOf(invitation) })).Status);
        Assert.Null((await Page(triager, link)).Document.QuerySelector("#participants button[id^=revoke-]"));

        // Invited again, accepted, then removed: the report is gone for them at once.
        await Act(triager, link, "Invite", new() { ["email"] = "dev@deep-merge.test" });
        var second = InvitationPath().Matches(await OutboxTextAsync(test)).Last().Value;
        Assert.Equal(HttpStatusCode.Redirect,
            (await maintainer.PostFormAsync(second,
                new Dictionary<string, string> { ["token"] = TokenOf(second) })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Page(maintainer, link)).Status);
        // The other participants see who takes part by part, state and date in words: no address, no form.
        foreach (var other in new[] { maintainer, reporter })
        {
            var seen = (await Page(other, link)).Document.QuerySelector("#participants")!;
            Assert.Equal(["reporter", "maintainer", "team"],
                seen.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-part")!).Distinct());
            Assert.DoesNotContain("@", seen.TextContent, StringComparison.Ordinal);
            Assert.Contains("Accepted the invitation", seen.TextContent, StringComparison.Ordinal);
            Assert.Matches(@"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} \w+ \d{4}",
                seen.QuerySelector("tbody tr time")!.TextContent);
            Assert.Empty(seen.QuerySelectorAll("form"));
        }
        var list = (await Page(triager, link)).Document.QuerySelector("#participants")!;
        Assert.Contains("dev@deep-merge.test", list.TextContent, StringComparison.Ordinal);
        Assert.Single(list.QuerySelectorAll("tbody tr[data-part=maintainer]")); // invited twice (once revoked): one row
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
            .Where(
                m =>
                    m.EventType == Vigil.Core.Notifications.NotificationEvent.MaintainerInvited
                        && m.Kind == Vigil.Core.Notifications.OutboxKind.Email)
            .OrderBy(m => m.Id).ToListAsync(Ct);
        // bodies are sealed at rest
        return string.Join("\n", mails.Select(m => Vigil.Core.Notifications.OutboxSeal.Opened(vault, m).TextBody));
    }
}
