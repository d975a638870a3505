using Microsoft.EntityFrameworkCore;
using Vigil.Core.Clock;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.ExtensionVotes;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.ExtensionVotes;

/// <summary>The process rule: "every triage team member and the reporter have one vote each; a majority of votes cast
/// decides, and the vote itself is recorded."</summary>
public class ExtensionVoteTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    // The fixture's team: Triager, OtherTriager, Admin, MaintainingTriager (recused: maintains deep-merge), plus the
    // reporter.
    public static TheoryData<bool[], string> Tallies => new()
    {
        { [true, true, false], "approved" },          // 2–1 of votes cast
        { [true, false], "refused" },                 // a tie is no majority
        { [true], "approved" },                       // one yes, nobody else voted
        { [], "refused" },                            // nobody voted
        { [false, false, true, true], "refused" },
        { [true, true, true, false], "approved" },    // every eligible voter: closes early
    };

    [Theory]
    [MemberData(nameof(Tallies))]
    public async Task Close_MajorityOfVotesCast_Decides(bool[] ballots, string outcome)
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var (report, due) = await AcceptedAsync(d);
        var proposed = due.AddDays(30);
        await d.Run(
            db =>
                new RequestExtension(db, d.Vault, d.Clock).ExecuteAsync(report.Id, Actor.User(d.Triager),
                    "Maintainer needs a release window", proposed, Ct));
        var voters = new[] { Actor.User(d.Triager), Actor.User(d.OtherTriager), Actor.User(d.Admin),
            Actor.FollowUp(report.FollowUpToken!) };

        for (var i = 0; i < ballots.Length; i++)
        {
            await d.Run(db => new CastExtensionVote(db, d.Clock).ExecuteAsync(report.Id, voters[i], ballots[i], Ct));
        }
        d.Clock.Advance(RequestExtension.VotingPeriod);
        await Pass(d);

        var view = await d.ViewAsync(report.Id, Actor.FollowUp(report.FollowUpToken!));
        Assert.Equal(outcome, view.Extension!.Outcome);
        Assert.Equal(4, view.Extension.Eligible);
        Assert.Equal(outcome == "approved" ? proposed : due, view.PublicationDueAt);
        var tally = view.Timeline.Last(e => e.Kind == "Extension").Detail!;
        Assert.StartsWith($"extension {outcome}: {ballots.Count(b => b)} for, {ballots.Count(b => !b)} against", tally,
            StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Approved_TheClockPublishesAtTheNewDateNotTheOld(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var (report, due) = await AcceptedAsync(d);
        await d.Run(
            db =>
                new RequestExtension(db, d.Vault, d.Clock).ExecuteAsync(report.Id, Actor.User(d.Maintainer),
                    "release in January", due.AddDays(20), Ct));
        foreach (var voter in new[] { Actor.User(d.Triager), Actor.User(d.OtherTriager), Actor.User(d.Admin) })
        {
            await d.Run(db => new CastExtensionVote(db, d.Clock).ExecuteAsync(report.Id, voter, true, Ct));
        }

        d.Clock.SetUtcNow(due);
        var atOldDeadline = await Pass(d);
        d.Clock.SetUtcNow(due.AddDays(20));
        var atNewDeadline = await Pass(d);

        Assert.DoesNotContain(atOldDeadline.Taken, t => t.Action == DeadlineAction.PublishAtDeadline);
        Assert.Contains((report.Id, DeadlineAction.PublishAtDeadline), atNewDeadline.Taken);
    }

    [Fact]
    public async Task Cast_RecusedMaintainerOrTwice_IsRefused()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var (report, due) = await AcceptedAsync(d);
        await d.Run(
            db =>
                new RequestExtension(db, d.Vault, d.Clock).ExecuteAsync(report.Id, Actor.User(d.Triager), "why",
                    due.AddDays(5), Ct));

        await Assert.ThrowsAsync<ConflictException>(
            () =>
                d.Run(
                    db =>
                        new CastExtensionVote(db, d.Clock).ExecuteAsync(report.Id, Actor.User(d.MaintainingTriager),
                            true, Ct)));
        await Assert.ThrowsAsync<ConflictException>(
            () =>
                d.Run(
                    db =>
                        new CastExtensionVote(db, d.Clock).ExecuteAsync(report.Id, Actor.User(d.Maintainer), true,
                            Ct)));
        await d.Run(
            db =>
                new CastExtensionVote(db, d.Clock).ExecuteAsync(report.Id, Actor.FollowUp(report.FollowUpToken!), true,
                    Ct));
        await Assert.ThrowsAsync<ConflictException>(
            () =>
                d.Run(
                    db =>
                        new CastExtensionVote(db, d.Clock).ExecuteAsync(report.Id,
                            Actor.FollowUp(report.FollowUpToken!), false, Ct)));
        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                d.Run(
                    db =>
                        new CastExtensionVote(db, d.Clock).ExecuteAsync(report.Id, Actor.User(d.Stranger), true, Ct)));
    }

    /// <summary>Team capacity anywhere takes a two-factor session: without one a triager is nobody on the
    /// report.</summary>
    [Fact]
    public async Task Cast_TriagerWithoutTwoFactor_IsRefusedAndNothingCounted()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var (report, due) = await AcceptedAsync(d);
        await d.Run(
            db =>
                new RequestExtension(db, d.Vault, d.Clock).ExecuteAsync(report.Id, Actor.User(d.Triager), "why",
                    due.AddDays(5), Ct));

        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                d.Run(
                    db =>
                        new CastExtensionVote(db, d.Clock).ExecuteAsync(report.Id,
                            Actor.User(d.OtherTriager, twoFactor: false), true, Ct)));

        await d.Run(async db => Assert.Equal(0, await db.ExtensionBallots.CountAsync(Ct)));
    }

    [Fact]
    public async Task Request_DateNotLaterOrVoteOpen_IsRefused()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var (report, due) = await AcceptedAsync(d);

        var early = await Assert.ThrowsAsync<ValidationFailedException>(() => d.Run(db =>
            new RequestExtension(db, d.Vault, d.Clock).ExecuteAsync(report.Id, Actor.User(d.Triager), "why",
                due.AddDays(-1), Ct)));
        await d.Run(
            db =>
                new RequestExtension(db, d.Vault, d.Clock).ExecuteAsync(report.Id, Actor.User(d.Triager), "why",
                    due.AddDays(1), Ct));
        await Assert.ThrowsAsync<ConflictException>(() => d.Run(db =>
            new RequestExtension(db, d.Vault, d.Clock).ExecuteAsync(report.Id, Actor.User(d.Triager), "again",
                due.AddDays(2), Ct)));

        Assert.Equal(["proposedDueAt"], early.Errors.Keys);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Close_ConcurrentClocks_CloseOnce(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var (report, due) = await AcceptedAsync(d);
        await d.Run(
            db =>
                new RequestExtension(db, d.Vault, d.Clock).ExecuteAsync(report.Id, Actor.User(d.Triager), "why",
                    due.AddDays(9), Ct));
        await d.Run(
            db => new CastExtensionVote(db, d.Clock).ExecuteAsync(report.Id, Actor.User(d.OtherTriager), true, Ct));
        d.Clock.Advance(RequestExtension.VotingPeriod);

        var closed = await Task.WhenAll(
            Enumerable.Range(0, 4)
                .Select(_ => Task.Run(() => d.Run(db => new CloseExtensionVotes(db, d.Clock).ExecuteAsync(Ct)), Ct)));

        Assert.Equal(1, closed.Sum());
        await using var check = d.Open();
        Assert.Equal(1,
            await check.ReportEvents.CountAsync(
                e => e.Kind == ReportEventKind.Extension && e.Detail!.StartsWith("extension approved"), Ct));
    }

    private static async Task<(SubmittedReport Report, DateTimeOffset Due)> AcceptedAsync(Disclosure d)
    {
        var report = await d.SubmitAsync();
        await d.AcceptAsync(report.Id);
        await d.Run(
            db => d.Use<InviteMaintainer>(db).ExecuteAsync(report.Id, Actor.User(d.Triager), d.Maintainer, null, Ct));
        return (report, Disclosure.Start.AddDays(45));
    }

    private static async Task<DeadlinePass> Pass(Disclosure d)
    {
        await using var db = d.Open();
        return await d.Use<RunDeadlines>(db).ExecuteAsync(Ct);
    }
}
