using Microsoft.EntityFrameworkCore;
using Vigil.Core.Clock;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Clock;

/// <summary>The process clock, driven by a fake clock through every deadline; nothing sleeps.</summary>
public class RunDeadlinesTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Triage_ReminderThenEscalation_EachOnce(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var report = await d.SubmitAsync(); // Wednesday 09:00, due Friday 09:00; reminder 24 h before

        Assert.Empty((await Pass(d)).Taken);
        d.Clock.SetUtcNow(Disclosure.Start.AddDays(1).AddHours(-1)); // Thursday 08:00: not yet
        Assert.Empty((await Pass(d)).Taken);
        d.Clock.SetUtcNow(Disclosure.Start.AddDays(1)); // Thursday 09:00: 24 h before
        Assert.Equal([(report.Id, DeadlineAction.TriageReminder)], (await Pass(d)).Taken);
        Assert.Empty((await Pass(d)).Taken);
        d.Clock.SetUtcNow(Disclosure.Start.AddDays(2)); // Friday 09:00: overdue
        Assert.Equal([(report.Id, DeadlineAction.TriageEscalation)], (await Pass(d)).Taken);
        d.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Empty((await Pass(d)).Taken);

        var team = await d.ViewAsync(report.Id, Actor.User(d.Triager));
        Assert.Equal(["Reminder", "Escalated"], team.Timeline.Where(e => e.Actor == "vigil").Select(e => e.Kind));
        Assert.All(team.Timeline.Where(e => e.Actor == "vigil"), e => Assert.True(e.Internal));
        var reporter = await d.ViewAsync(report.Id, Actor.FollowUp(report.FollowUpToken!));
        Assert.DoesNotContain(reporter.Timeline, e => e.Actor == "vigil");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Publication_DeadlineWithoutFix_PublishesOpenEnded(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var report = await d.SubmitAsync();
        await d.AcceptAsync(report.Id);

        d.Clock.Advance(TimeSpan.FromDays(44));
        Assert.Equal([(report.Id, DeadlineAction.PublicationReminder)], (await Pass(d)).Taken);
        d.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal([(report.Id, DeadlineAction.PublishAtDeadline)], (await Pass(d)).Taken);

        var view = await d.ViewAsync(report.Id, Actor.User(d.Triager));
        Assert.Equal("published", view.State);
        await using var db = d.Open();
        Assert.Equal("*",
            (await db.AffectedPackages.SingleAsync(
                a => a.AdvisoryNumber == db.Advisories.Single(x => x.Id == view.AdvisoryId).Number, Ct)).NpmRange);
        Assert.Equal("vigil", view.Timeline.Single(e => e.ToState == "published").Actor);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Publication_AgreedDateOfAFixedReport_PublishesThenWithTheFix(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var report = await d.SubmitAsync();
        await d.AcceptAsync(report.Id);
        var triager = Actor.User(d.Triager);
        await d.Run(db => d.Use<InviteMaintainer>(db).ExecuteAsync(report.Id, triager, d.Maintainer, null, Ct));
        await d.Run(db => new AdvanceReport(db, d.Clock).StartFixAsync(report.Id, triager, Ct));
        await d.Run(
            db =>
                new AdvanceReport(db, d.Clock).MarkFixedAsync(report.Id, triager,
                    new Dictionary<string, string> { ["deep-merge"] = "1.4.2" }, Ct));
        await d.Run(
            db =>
                new SetDisclosureDate(db, d.Clock).ExecuteAsync(report.Id, triager, Disclosure.Start.AddDays(10), Ct));

        d.Clock.SetUtcNow(Disclosure.Start.AddDays(10));
        var pass = await Pass(d);

        Assert.Equal([(report.Id, DeadlineAction.PublishAtDisclosureDate)], pass.Taken);
        await using var db = d.Open();
        Assert.Equal("<1.4.2", (await db.AffectedPackages.SingleAsync(Ct)).NpmRange);
    }

    [Fact]
    public async Task Publication_ProgramFlagsInsteadOfPublishing_FlagsForTheTeam()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await d.Run(
            db =>
                new UpdateProgramPolicy(db).ExecuteAsync(Disclosure.Slug, new ProgramSettings(PublishAtDeadline: false),
                    Ct));
        var report = await d.SubmitAsync();
        await d.AcceptAsync(report.Id);

        d.Clock.Advance(TimeSpan.FromDays(45));
        var pass = await Pass(d);

        Assert.Equal([(report.Id, DeadlineAction.FlagAtDeadline)], pass.Taken);
        var view = await d.ViewAsync(report.Id, Actor.User(d.Triager));
        Assert.Equal("accepted", view.State);
        Assert.Equal("Flagged", view.Timeline.Last().Kind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_SeveralInstancesAtOnce_EachDeadlineActsExactlyOnce(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            var report = await d.SubmitAsync();
            ids.Add(report.Id);
            if (i % 2 == 0)
            {
                await d.AcceptAsync(report.Id);
            }
        }
        d.Clock.Advance(TimeSpan.FromDays(46));

        var passes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Pass(d), Ct)));

        var taken = passes.SelectMany(p => p.Taken).ToList();
        Assert.Equal(6, taken.Count);
        Assert.Equal(ids.Order(), taken.Select(t => t.ReportId).Order());
        Assert.All(passes, p => Assert.Equal(0, p.Failed));
        await using var db = d.Open();
        Assert.Equal(3, await db.Advisories.CountAsync(Ct));
        Assert.Equal(6, await db.DeadlineActions.CountAsync(Ct));
        Assert.Equal(3, await db.ReportEvents.CountAsync(e => e.Kind == ReportEventKind.Escalated, Ct));
    }

    private static async Task<DeadlinePass> Pass(Disclosure d)
    {
        await using var db = d.Open();
        return await d.Use<RunDeadlines>(db).ExecuteAsync(Ct);
    }
}
