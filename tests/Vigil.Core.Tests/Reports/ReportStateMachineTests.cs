using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

public class ReportStateMachineTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    public static TheoryData<ReportState, ReportState, bool> AllPairs()
    {
        // The state machine: "new → needs more information ⇄ new; new → rejected … or accepted; accepted → maintainers
        // notified → fix in progress → fixed (patched versions known) → published; published → withdrawn".
        // Publication may also come earlier, at the deadline, from any embargoed state.
        var legal = new HashSet<(ReportState, ReportState)>
        {
            (ReportState.New, ReportState.NeedsMoreInformation), (ReportState.NeedsMoreInformation, ReportState.New),
            (ReportState.New, ReportState.Rejected), (ReportState.New, ReportState.Accepted),
            (ReportState.Accepted, ReportState.MaintainersNotified),
            (ReportState.MaintainersNotified, ReportState.FixInProgress),
            (ReportState.FixInProgress, ReportState.Fixed), (ReportState.Fixed, ReportState.Published),
            (ReportState.Accepted, ReportState.Published), (ReportState.MaintainersNotified, ReportState.Published),
            (ReportState.FixInProgress, ReportState.Published), (ReportState.Published, ReportState.Withdrawn),
            // An accepted dispute covering every reported version closes an embargoed report as not affected.
            (ReportState.Accepted, ReportState.NotAffected), (ReportState.MaintainersNotified, ReportState.NotAffected),
            (ReportState.FixInProgress, ReportState.NotAffected), (ReportState.Fixed, ReportState.NotAffected),
        };
        var data = new TheoryData<ReportState, ReportState, bool>();
        foreach (var from in Enum.GetValues<ReportState>())
        {
            foreach (var to in Enum.GetValues<ReportState>())
            {
                data.Add(from, to, legal.Contains((from, to)));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void CanMove_EveryPair_OnlyTheProcessMoves(ReportState from, ReportState to, bool expected) =>
        Assert.Equal(expected, ReportStates.CanMove(from, to));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Journey_SubmitToPublish_EveryStepOnTheTimelineAndTheAdvisoryIsPublic(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var report = await d.SubmitAsync();
        var triager = Actor.User(d.Triager);

        await d.Run(
            db =>
                d.Use<TriageReport>(db).AskForInformationAsync(report.Id, triager, "Which versions did you test?", Ct));
        d.Clock.Advance(TimeSpan.FromHours(3));
        await d.Run(
            db =>
                new CommentOnReport(db, d.Vault, d.Clock).ExecuteAsync(report.Id, Actor.FollowUp(report.FollowUpToken!),
                    "1.4.0 and 1.4.1", false, Ct));
        await d.AcceptAsync(report.Id);
        await d.Run(db => d.Use<InviteMaintainer>(db).ExecuteAsync(report.Id, triager, d.Maintainer, null, Ct));
        await d.Run(db => new AdvanceReport(db, d.Clock).StartFixAsync(report.Id, Actor.User(d.Maintainer), Ct));
        await d.Run(
            db =>
                new AdvanceReport(db, d.Clock).MarkFixedAsync(report.Id, Actor.User(d.Maintainer),
                    new Dictionary<string, string> { ["deep-merge"] = "1.4.2" }, Ct));
        var advisory = await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(report.Id, triager, Ct));

        var view = await d.ViewAsync(report.Id, Actor.FollowUp(report.FollowUpToken!));
        Assert.Equal("published", view.State);
        Assert.Equal(advisory.Id, view.AdvisoryId);
        Assert.Equal(
            ["new", "needs-more-information", "new", "accepted", "maintainers-notified", "fix-in-progress", "fixed",
                "published"],
            view.Timeline.Where(e => e.ToState is not null).Select(e => e.ToState!));
        Assert.Equal("1.4.0 and 1.4.1", view.Timeline.Single(e => e.Kind == "Comment").Text);
        Assert.Equal("NPMSEC-2026-1", advisory.Id);
        await using var db = d.Open();
        var stored = await new GetAdvisory(db).ExecuteAsync(advisory.Id, Ct);
        Assert.NotNull(stored);
        // The description is published; the proof of concept stays private.
        Assert.DoesNotContain("JSON.parse", stored.Vulnerability.Details!, StringComparison.Ordinal);
        Assert.Equal("<1.4.2", (await db.AffectedPackages.SingleAsync(Ct)).NpmRange);
        Assert.Equal("Ada Researcher", Assert.Single(stored.Vulnerability.Credits!).Name);
    }

    [Theory]
    [InlineData("accept-twice")]
    [InlineData("fix-before-accept")]
    [InlineData("withdraw-unpublished")]
    [InlineData("reject-accepted")]
    public async Task Move_IllegalFromTheCurrentState_ConflictNamesTheState(string scenario)
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var report = await d.SubmitAsync();
        var triager = Actor.User(d.Triager);
        if (scenario is "accept-twice" or "reject-accepted")
        {
            await d.AcceptAsync(report.Id);
        }

        var error = await Assert.ThrowsAsync<ConflictException>(() => scenario switch
        {
            "accept-twice" => d.AcceptAsync(report.Id),
            "fix-before-accept" => d.Run(db => new AdvanceReport(db, d.Clock).StartFixAsync(report.Id, triager, Ct)),
            "withdraw-unpublished" =>
                d.Run(db => new WithdrawReport(db, d.Clock).ExecuteAsync(report.Id, triager, "mistake", Ct)),
            _ =>
                d.Run(
                    db =>
                        d.Use<TriageReport>(db).RejectAsync(report.Id, triager, RejectionReason.Spam, null, null, Ct)),
        });

        Assert.Matches($"Report #{report.Id} is (new|accepted); it cannot become", error.Message);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reject_Duplicate_NamesTheOriginal(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var original = await d.SubmitAsync();
        var copy = await d.SubmitAsync();

        await d.Run(
            db =>
                d.Use<TriageReport>(db)
                    .RejectAsync(copy.Id, Actor.User(d.Triager), RejectionReason.Duplicate, original.Id,
                        "same as the first", Ct));

        var view = await d.ViewAsync(copy.Id, Actor.FollowUp(copy.FollowUpToken!));
        Assert.Equal(("rejected", "duplicate", original.Id), (view.State, view.RejectionReason, view.DuplicateOf));
        Assert.Equal($"duplicate of #{original.Id}", view.Timeline.Last().Detail);
    }

    [Fact]
    public async Task Reject_DuplicateOfNothing_NamesTheField()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var report = await d.SubmitAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => d.Run(db =>
            d.Use<TriageReport>(db)
                .RejectAsync(report.Id, Actor.User(d.Triager), RejectionReason.Duplicate, 999, null, Ct)));

        Assert.Equal(["duplicateOf"], error.Errors.Keys);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Accept_SetsPublicationDue45DaysLaterAndAssignsTheTriager(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var report = await d.SubmitAsync();
        d.Clock.Advance(TimeSpan.FromHours(5));

        await d.AcceptAsync(report.Id);

        var stored = await d.Run(db => db.Reports.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(Disclosure.Start.AddHours(5).AddDays(45), stored.PublicationDueAt);
        Assert.Equal(d.Triager, stored.AssignedTriagerId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Publish_NoFixYet_RangeIsOpenEnded(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var report = await d.SubmitAsync(Disclosure.Request(versions: ">=1.2.0 <=1.4.1"));
        await d.AcceptAsync(report.Id);

        await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(report.Id, Actor.System, Ct));

        await using var db = d.Open();
        Assert.Equal(">=1.2.0", (await db.AffectedPackages.SingleAsync(Ct)).NpmRange);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Withdraw_Published_AdvisoryIsWithdrawnWithTheReason(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var report = await d.SubmitAsync();
        await d.AcceptAsync(report.Id);
        var advisory = await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(report.Id, Actor.User(d.Triager), Ct));
        d.Clock.Advance(TimeSpan.FromDays(1));

        await d.Run(
            db =>
                new WithdrawReport(db, d.Clock).ExecuteAsync(report.Id, Actor.User(d.OtherTriager),
                    "Not exploitable after all.", Ct));

        await using var db = d.Open();
        var stored = await new GetAdvisory(db).ExecuteAsync(advisory.Id, Ct);
        Assert.Equal(Disclosure.Start.AddDays(1), stored!.Vulnerability.Withdrawn);
        Assert.Equal("Not exploitable after all.",
            stored.Vulnerability.DatabaseSpecific!["withdrawn_reason"]!.GetValue<string>());
        Assert.Equal("withdrawn", (await d.ViewAsync(report.Id, Actor.User(d.Triager))).State);
    }

    [Fact]
    public async Task Timeline_AnEventChanged_IsRefused()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await d.SubmitAsync();
        await using var db = d.Open();
        var entry = await db.ReportEvents.FirstAsync(Ct);

        entry.Detail = "rewritten history";
        var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        db.Entry(entry).State = EntityState.Deleted;
        var deleted = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));

        Assert.Contains("immutable", changed.Message, StringComparison.Ordinal);
        Assert.Contains("deleted", deleted.Message, StringComparison.Ordinal);
    }
}
