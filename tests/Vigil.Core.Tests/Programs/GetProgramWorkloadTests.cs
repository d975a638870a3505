using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Programs;

/// <summary>
/// The team's workload on both databases, time moved on a fake clock: counts by state and age (business days on the
/// program's calendar for the youngest bucket), the week's deadlines with overdue ones first, each member's load, and
/// who may see it.
/// </summary>
public class GetProgramWorkloadTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    /// <summary>
    /// From Wednesday 25 November 2026 09:00 UTC to Tuesday 12 January 2027 09:00 UTC:
    /// A accepted on day 0 (publication due Saturday 9 January: overdue); F accepted on day 5 (publication due
    /// Thursday 14 January: 2 business days left); G accepted on day 20 (due beyond the week); B and C new on
    /// 30 December and 6 January (triage overdue); D new on Saturday 9 January (33 business hours old on Tuesday,
    /// triage due Wednesday 00:00); E asked for information on 9 January; R rejected on 9 January; H held for review.
    /// </summary>
    private sealed record Scene(
        Disclosure D, long A, long B, long C, long DReport, long E, long F, long G, long H, long R);

    private static async Task<Scene> BuildAsync(DatabaseProvider provider)
    {
        var d = await Disclosure.CreateAsync(provider);
        var start = Disclosure.Start;
        async Task<long> SubmitAt(DateTimeOffset at, string package)
        {
            d.Clock.SetUtcNow(at);
            return (await d.SubmitAsync(Disclosure.Request(package: package))).Id;
        }
        var a = await SubmitAt(start, "a");
        await d.AcceptAsync(a);
        var f = await SubmitAt(start.AddDays(5), "f");
        await d.AcceptAsync(f);
        var g = await SubmitAt(start.AddDays(20), "g");
        await d.AcceptAsync(g);
        var b = await SubmitAt(start.AddDays(35), "b");
        await d.Run(db => d.Use<CommentOnReport>(db).ExecuteAsync(b, Actor.User(d.Triager), "Looking.", true, Ct));
        var c = await SubmitAt(start.AddDays(42), "c");
        var dReport = await SubmitAt(start.AddDays(45), "d");
        var e = await SubmitAt(start.AddDays(45), "e");
        await d.Run(db => d.Use<TriageReport>(db)
            .AskForInformationAsync(e, Actor.User(d.OtherTriager), "Which version?", Ct));
        var r = await SubmitAt(start.AddDays(45), "r");
        await d.Run(db => d.Use<TriageReport>(db)
            .RejectAsync(r, Actor.User(d.OtherTriager), RejectionReason.Spam, null, null, Ct));
        var h = await SubmitAt(start.AddDays(45), "h");
        await d.Run(db => db.Reports.Where(x => x.Id == h)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.HeldForReview, true), Ct));
        d.Clock.SetUtcNow(start.AddDays(48));
        return new Scene(d, a, b, c, dReport, e, f, g, h, r);
    }

    private static Task<ProgramWorkload> WorkloadAsync(Disclosure d, Actor actor) =>
        d.Run(db => d.Use<GetProgramWorkload>(db).ExecuteAsync(Disclosure.Slug, actor, Ct));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_OpenReports_CountedByStateAndAgeWithHeldApart(DatabaseProvider provider)
    {
        var s = await BuildAsync(provider);
        await using var d = s.D;

        var w = await WorkloadAsync(d, Actor.User(d.Admin));

        Assert.Equal(new DateTimeOffset(2027, 1, 12, 9, 0, 0, TimeSpan.Zero), w.AsOf);
        Assert.Equal((7, 1), (w.Open, w.HeldForReview));
        Assert.Equal(
            [
                ("new", 1, 1, 1, 0),
                ("needs-more-information", 1, 0, 0, 0),
                ("accepted", 0, 0, 1, 2),
                ("maintainers-notified", 0, 0, 0, 0),
                ("fix-in-progress", 0, 0, 0, 0),
                ("fixed", 0, 0, 0, 0),
            ],
            w.ByState.Select(x => (x.State, x.UnderTwoBusinessDays, x.TwoToSevenDays, x.SevenToThirtyDays,
                x.OverThirtyDays)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_DeadlinesOfTheWeek_OverdueFirstInBusinessDays(DatabaseProvider provider)
    {
        var s = await BuildAsync(provider);
        await using var d = s.D;

        var w = await WorkloadAsync(d, Actor.User(d.Admin));

        // B (due 1 January), C (8 January), A (9 January) are overdue; then H and D (13 January 00:00), F (14 January);
        // G is due in February; E waits on its reporter.
        Assert.Equal(
            [
                (s.B, "triage", true), (s.C, "triage", true), (s.A, "publication", true),
                (s.DReport, "triage", false), (s.H, "triage", false), (s.F, "publication", false),
            ],
            w.Deadlines.Select(x => (x.ReportId, x.Deadline, x.Overdue)));
        var dDue = w.Deadlines.Single(x => x.ReportId == s.DReport);
        Assert.Equal((TimeSpan.FromHours(15), 0, "new"), (dDue.Remaining, dDue.BusinessDaysLeft, dDue.State));
        Assert.Equal(new DateTimeOffset(2027, 1, 13, 0, 0, 0, TimeSpan.Zero), dDue.DueAt);
        var f = w.Deadlines.Single(x => x.ReportId == s.F);
        Assert.Equal((TimeSpan.FromDays(2), 2, "accepted"), (f.Remaining, f.BusinessDaysLeft, f.State));
        Assert.True(w.Deadlines.Single(x => x.ReportId == s.H).HeldForReview);
        Assert.All(w.Deadlines, x => Assert.Contains(Disclosure.Marker, x.Title));
        // C was due Friday 8 January 09:00: Friday afternoon, Monday and Tuesday morning are 2 business days.
        Assert.Equal(-TimeSpan.FromDays(2), w.Deadlines.Single(x => x.ReportId == s.C).Remaining);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_Members_AssignedHandlingAndRecentDecisions(DatabaseProvider provider)
    {
        var s = await BuildAsync(provider);
        await using var d = s.D;

        var w = await WorkloadAsync(d, Actor.User(d.Admin));

        var loads = w.Members.ToDictionary(m => m.UserId, m => (m.Role, m.Assigned, m.Handling, m.DecisionsLast30Days));
        // The triager accepted A, F and G (assigned; only G within 30 days) and noted on B.
        Assert.Equal(("triager", 3, 4, 1), loads[d.Triager]);
        // The other triager asked E a question and rejected R: two decisions, one open report.
        Assert.Equal(("triager", 0, 1, 2), loads[d.OtherTriager]);
        Assert.Equal(("admin", 0, 0, 0), loads[d.Admin]);
        Assert.Equal(("triager", 0, 0, 0), loads[d.MaintainingTriager]);
        Assert.Equal([d.Triager, d.OtherTriager, d.Admin, d.MaintainingTriager], w.Members.Select(m => m.UserId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_ReporterOnTheTeam_NotHandlingTheirOwnReport(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var own = await d.SubmitAsync(actor: Actor.User(d.OtherTriager));
        await d.Run(db => d.Use<CommentOnReport>(db)
            .ExecuteAsync(own.Id, Actor.User(d.OtherTriager), "More detail.", false, Ct));

        var w = await WorkloadAsync(d, Actor.User(d.Admin));

        Assert.Equal(0, w.Members.Single(m => m.UserId == d.OtherTriager).Handling);
    }

    public enum Caller { ProgramAdmin, InstanceAdmin, AdminWithoutTwoFactor, Triager, Stranger, Anonymous }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, Caller.ProgramAdmin, true)]
    [InlineData(DatabaseProvider.Sqlite, Caller.InstanceAdmin, true)]
    [InlineData(DatabaseProvider.Sqlite, Caller.AdminWithoutTwoFactor, false)]
    [InlineData(DatabaseProvider.Sqlite, Caller.Triager, false)]
    [InlineData(DatabaseProvider.Sqlite, Caller.Stranger, false)]
    [InlineData(DatabaseProvider.Sqlite, Caller.Anonymous, false)]
    [InlineData(DatabaseProvider.Postgres, Caller.ProgramAdmin, true)]
    [InlineData(DatabaseProvider.Postgres, Caller.Triager, false)]
    [InlineData(DatabaseProvider.Postgres, Caller.Stranger, false)]
    public async Task Execute_EachCaller_SeesOrNotFound(DatabaseProvider provider, Caller caller, bool sees)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        await d.SubmitAsync();
        var actor = caller switch
        {
            Caller.ProgramAdmin => Actor.User(d.Admin),
            Caller.InstanceAdmin => Actor.User(d.Stranger, isInstanceAdmin: true),
            Caller.AdminWithoutTwoFactor => Actor.User(d.Admin, twoFactor: false),
            Caller.Triager => Actor.User(d.Triager),
            Caller.Stranger => Actor.User(d.Stranger),
            _ => Actor.Anonymous,
        };

        var can = await d.Run(db => d.Use<GetProgramWorkload>(db).CanSeeAsync(Disclosure.Slug, actor, Ct));
        if (sees)
        {
            Assert.Equal(1, (await WorkloadAsync(d, actor)).Open);
        }
        else
        {
            await Assert.ThrowsAsync<NotFoundException>(() => WorkloadAsync(d, actor));
        }
        Assert.Equal(sees, can);
        await Assert.ThrowsAsync<NotFoundException>(() => d.Run(db => d.Use<GetProgramWorkload>(db)
            .ExecuteAsync("no-such-program", Actor.User(d.Stranger, isInstanceAdmin: true), Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_MoreReports_SameNumberOfQueries(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        async Task<int> QueriesAsync()
        {
            var counter = new CommandCounter();
            var options = VigilDatabase.Configure(new DbContextOptionsBuilder<VigilDbContext>(), d.Database.Target)
                .AddInterceptors(counter).Options;
            await using var db = new VigilDbContext((DbContextOptions<VigilDbContext>)options);
            await d.Use<GetProgramWorkload>(db).ExecuteAsync(Disclosure.Slug, Actor.User(d.Admin), Ct);
            return counter.Count;
        }
        for (var i = 0; i < 3; i++)
        {
            await d.AcceptAsync((await d.SubmitAsync(Disclosure.Request(package: $"p{i}"))).Id);
            await d.SubmitAsync(Disclosure.Request(package: $"q{i}"));
        }
        var few = await QueriesAsync();
        for (var i = 0; i < 12; i++)
        {
            await d.AcceptAsync((await d.SubmitAsync(Disclosure.Request(package: $"r{i}"))).Id);
            await d.SubmitAsync(Disclosure.Request(package: $"s{i}"));
        }

        Assert.Equal(few, await QueriesAsync());
        Assert.InRange(few, 1, 8);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
