using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Notifications;
using Vigil.Core.Reports;
using Vigil.Core.Vex;

namespace Vigil.Core.Tests.Reports;

/// <summary>
/// Disputes: an invited maintainer answers "not affected" with a VEX justification, the team accepts or rejects, and an
/// accepted dispute is published as an OpenVEX document — every step on both databases, the timeline asserted.
/// </summary>
public class DisputeTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    private const string Statement = "deep-merge never merges keys named __proto__ since 1.0: see lib/merge.js.";

    private static DisputeInput Input(string justification = "vulnerable_code_not_in_execute_path",
        string? statement = Statement, Dictionary<string, string>? versions = null) =>
        new(justification, statement, versions);

    /// <summary>A report accepted by the triager with the maintainer invited (maintainers notified).</summary>
    private static async Task<long> NotifiedAsync(Disclosure d)
    {
        var report = await d.SubmitAsync();
        await d.AcceptAsync(report.Id);
        await d.Run(db => d.Use<InviteMaintainer>(db)
            .ExecuteAsync(report.Id, Actor.User(d.Triager), d.Maintainer, null, Ct));
        return report.Id;
    }

    private static Task<long> DisputeAsync(Disclosure d, long id, DisputeInput? input = null) =>
        d.Run(db => d.Use<DisputeReport>(db).ExecuteAsync(id, Actor.User(d.Maintainer), input ?? Input(), Ct));

    private static Task DecideAsync(Disclosure d, long id, long dispute, bool accept, Guid? by = null,
        string? statement = null) =>
        d.Run(db => d.Use<DecideDispute>(db).ExecuteAsync(id, dispute, Actor.User(by ?? d.OtherTriager), accept,
            accept ? "The maintainer showed the path is unreachable." : "The PoC reaches it.", statement, Ct));

    private static Task<PublishedVex> PublishVexAsync(Disclosure d, long id, long dispute) =>
        d.Run(db => d.Use<PublishVex>(db)
            .ExecuteAsync(id, dispute, Actor.User(d.Triager), "https://vigil.example.test", Ct));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Accept_WholeReport_ClosesAsNotAffectedAndPublishesOpenVex(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var id = await NotifiedAsync(d);
        await d.Run(db => d.Use<Vigil.Core.Cve.AssignCve>(db)
            .RecordAsync(id, Actor.User(d.Triager), "CVE-2026-4242", Ct));

        var dispute = await DisputeAsync(d, id);
        var pending = await d.ViewAsync(id, Actor.User(d.Triager));
        Assert.Equal("maintainers-notified", pending.State);
        Assert.Equal(("pending", "vulnerable_code_not_in_execute_path", Statement),
            (pending.Disputes![0].State, pending.Disputes[0].Justification, pending.Disputes[0].ImpactStatement));
        // Before the team publishes it, nothing is public.
        Assert.Empty(await d.Run(db => new ListVexDocuments(db).ExecuteAsync(cancellationToken: Ct)));
        Assert.Null(await d.Run(db => new ListVexDocuments(db).DocumentAsync(dispute, Ct)));

        d.Clock.Advance(TimeSpan.FromHours(2));
        await DecideAsync(d, id, dispute, accept: true, statement: "The vulnerable merge path is never reached.");
        var published = await PublishVexAsync(d, id, dispute);

        var view = await d.ViewAsync(id, Actor.User(d.Maintainer));
        Assert.Equal("not-affected", view.State);
        Assert.Equal($"/vex/{dispute}.json", published.Url);
        Assert.Equal(published.Url, view.Disputes![0].VexUrl);
        Assert.Equal(["DisputeOpened", "DisputeDecided", "StateChanged", "VexPublished"],
            view.Timeline.SkipWhile(e => e.Kind != "DisputeOpened").Select(e => e.Kind));
        Assert.Equal(Statement, view.Timeline.Single(e => e.Kind == "DisputeOpened").Text);
        Assert.Equal("not-affected", view.Timeline.Single(e => e.ToState == "not-affected").ToState);

        var document = JsonNode.Parse((await d.Run(db => new ListVexDocuments(db).DocumentAsync(dispute, Ct)))!)!;
        Assert.Equal("https://openvex.dev/ns/v0.2.0", document["@context"]!.GetValue<string>());
        Assert.Equal($"https://vigil.example.test/vex/{dispute}.json", document["@id"]!.GetValue<string>());
        Assert.Equal("npm ecosystem", document["author"]!.GetValue<string>());
        Assert.Equal(1, document["version"]!.GetValue<int>());
        var statement = document["statements"]![0]!;
        Assert.Equal("CVE-2026-4242", statement["vulnerability"]!["name"]!.GetValue<string>());
        Assert.Equal("pkg:npm/deep-merge", statement["products"]![0]!["@id"]!.GetValue<string>());
        Assert.Equal("not_affected", statement["status"]!.GetValue<string>());
        Assert.Equal("The vulnerable merge path is never reached.", statement["impact_statement"]!.GetValue<string>());
        // Only public text: nothing of the private report.
        Assert.DoesNotContain(Disclosure.Marker, document.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Statement, document.ToJsonString(), StringComparison.Ordinal);
        var listed = Assert.Single(await d.Run(db => new ListVexDocuments(db).ExecuteAsync("npm", "deep-merge",
            cancellationToken: Ct)));
        Assert.Equal(("CVE-2026-4242", (string?)null), (listed.Vulnerability, listed.AdvisoryId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reject_LeavesTheReportOnItsCourse_AndAnotherDisputeMayFollow(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var id = await NotifiedAsync(d);
        var first = await DisputeAsync(d, id);
        var refused = await Assert.ThrowsAsync<ConflictException>(() => DisputeAsync(d, id));
        Assert.Contains("waiting for the team", refused.Message, StringComparison.Ordinal);

        await DecideAsync(d, id, first, accept: false);
        var view = await d.ViewAsync(id, Actor.User(d.Triager));
        Assert.Equal(("maintainers-notified", "rejected"), (view.State, view.Disputes![0].State));
        Assert.Equal("The PoC reaches it.", view.Timeline.Single(e => e.Kind == "DisputeDecided").Text);
        await Assert.ThrowsAsync<ConflictException>(() => DecideAsync(d, id, first, accept: true));
        await Assert.ThrowsAsync<ConflictException>(() => PublishVexAsync(d, id, first));
        var second = await DisputeAsync(d, id, Input("component_not_present"));
        Assert.NotEqual(first, second);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Accept_SomeVersions_ReportGoesOnAndTheVexWaitsForTheAdvisory(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var id = await NotifiedAsync(d);
        var dispute = await DisputeAsync(d, id,
            Input(versions: new Dictionary<string, string> { ["deep-merge"] = "1.4.0, 1.4.1" }));
        await DecideAsync(d, id, dispute, accept: true);
        Assert.Equal("maintainers-notified", (await d.ViewAsync(id, Actor.User(d.Triager))).State);

        // Under embargo the vulnerability stays private: no VEX document yet.
        var early = await Assert.ThrowsAsync<ConflictException>(() => PublishVexAsync(d, id, dispute));
        Assert.Contains("stays private", early.Message, StringComparison.Ordinal);

        var advisory = await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(id, Actor.User(d.Triager), Ct));
        await PublishVexAsync(d, id, dispute);
        var listed = Assert.Single(await d.Run(db => new ListVexDocuments(db).ExecuteAsync(
            advisoryId: advisory.Id, cancellationToken: Ct)));
        Assert.Equal((advisory.Id, advisory.Id), (listed.Vulnerability, listed.AdvisoryId));
        Assert.Equal(["pkg:npm/deep-merge@1.4.0", "pkg:npm/deep-merge@1.4.1"], listed.Products);
        await Assert.ThrowsAsync<ConflictException>(() => PublishVexAsync(d, id, dispute));
    }

    public static TheoryData<string, Dictionary<string, string>?, string, string> BadInputs() => new()
    {
        { "not_a_label", null, Statement, "justification" },
        { "vulnerable_code_not_present", null, "", "impactStatement" },
        { "vulnerable_code_not_present", null, new string('x', 2001), "impactStatement" },
        { "vulnerable_code_not_present", new() { ["left-pad"] = "1.0.0" }, Statement, "versions[left-pad]" },
        { "vulnerable_code_not_present", new() { ["deep-merge"] = "1.5.0" }, Statement, "versions[deep-merge]" },
        { "vulnerable_code_not_present", new() { ["deep-merge"] = "one" }, Statement, "versions[deep-merge]" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Dispute_BadInput_NamesTheFieldAndRecordsNothing(string justification,
        Dictionary<string, string>? versions, string statement, string field)
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var id = await NotifiedAsync(d);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => DisputeAsync(d, id, Input(justification, statement, versions)));

        Assert.Equal([field], error.Errors.Keys);
        Assert.Equal(0, await d.Run(db => db.ReportDisputes.CountAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Who_OnlyTheMaintainerDisputes_OnlyTheTeamDecides(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var fresh = await d.SubmitAsync();
        var id = await NotifiedAsync(d);

        // A stranger sees nothing; the team and the reporter may not dispute; a new report cannot be disputed.
        await Assert.ThrowsAsync<NotFoundException>(() => d.Run(db => d.Use<DisputeReport>(db)
            .ExecuteAsync(id, Actor.User(d.Stranger), Input(), Ct)));
        await Assert.ThrowsAsync<ConflictException>(() => d.Run(db => d.Use<DisputeReport>(db)
            .ExecuteAsync(id, Actor.User(d.Triager), Input(), Ct)));
        await Assert.ThrowsAsync<ConflictException>(() => d.Run(db => d.Use<DisputeReport>(db)
            .ExecuteAsync(fresh.Id, Actor.FollowUp(fresh.FollowUpToken!), Input(), Ct)));
        var dispute = await DisputeAsync(d, id);
        // The maintainer does not decide their own dispute; a maintaining triager is recused (four-eyes); a team member
        // without a second factor is no team at all.
        await Assert.ThrowsAsync<ConflictException>(() => DecideAsync(d, id, dispute, true, d.Maintainer));
        var recused = await Assert.ThrowsAsync<ConflictException>(
            () => DecideAsync(d, id, dispute, true, d.MaintainingTriager));
        Assert.Contains("four-eyes", recused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => d.Run(db => d.Use<DecideDispute>(db).ExecuteAsync(id,
            dispute, Actor.User(d.OtherTriager, twoFactor: false), true, "ok", null, Ct)));
        await Assert.ThrowsAsync<NotFoundException>(() => DecideAsync(d, id, dispute + 1000, true));
        Assert.Equal("pending", (await d.ViewAsync(id, Actor.User(d.Triager))).Disputes![0].State);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Notifications_TeamHearsOfTheDispute_MaintainersOfTheDecision_NoReportText(
        DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        await d.Run(async db =>
        {
            db.Users.Add(new VigilUser { Id = d.Triager, UserName = "tri@example.test", Email = "tri@example.test" });
            db.Users.Add(
                new VigilUser { Id = d.Maintainer, UserName = "dev@example.test", Email = "dev@example.test" });
            await db.SaveChangesAsync(Ct);
        });
        var id = await NotifiedAsync(d);
        var dispute = await d.Run(db => d.Use<DisputeReport>(db, d.Notifier(db))
            .ExecuteAsync(id, Actor.User(d.Maintainer), Input(), Ct));
        await d.Run(db => d.Use<DecideDispute>(db, d.Notifier(db)).ExecuteAsync(id, dispute,
            Actor.User(d.OtherTriager), false, "Not convinced.", null, Ct));

        var outbox = (await d.Run(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(Ct)))
            .Select(m => OutboxSeal.Opened(d.Vault, m)).ToList();
        Assert.Equal(
            [(NotificationEvent.DisputeOpened, "tri@example.test"),
                (NotificationEvent.DisputeDecided, $"researcher+{Disclosure.Marker}@example.test"),
                (NotificationEvent.DisputeDecided, "dev@example.test")],
            outbox.Select(m => (m.EventType, m.Recipient!)));
        Assert.All(outbox, m => Assert.DoesNotContain("__proto__", m.TextBody + m.HtmlBody + m.Subject,
            StringComparison.Ordinal));
        Assert.All(outbox, m => Assert.DoesNotContain("Not convinced", m.TextBody + m.HtmlBody + m.Subject,
            StringComparison.Ordinal));
    }
}
