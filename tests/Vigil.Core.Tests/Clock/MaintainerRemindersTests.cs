using Microsoft.EntityFrameworkCore;
using Vigil.Core.Accounts;
using Vigil.Core.Clock;
using Vigil.Core.Data;
using Vigil.Core.Notifications;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Clock;

/// <summary>
/// Unresponsive maintainers (docs/disclosure.md): the maintainers are notified on Wednesday 25 November 2026 09:00 UTC
/// (<see cref="Disclosure.Start"/>; the program counts business days in UTC, no holidays), so with the default policy
/// the reminders fall on Monday 30 November 09:00 (3 business days) and Friday 4 December 09:00 (7), and the
/// escalation to the admins on Wednesday 9 December 09:00 (10). Time is moved, never slept.
/// </summary>
public class MaintainerRemindersTests
{
    private const string MaintainerEmail = "keeper@example.test";
    private const string AdminEmail = "admin@example.test";
    private static readonly DateTimeOffset FirstReminder = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SecondReminder = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Escalation = new(2026, 12, 9, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The secret of the last e-mail invitation <see cref="NotifiedReportAsync"/> sent.</summary>
    private string? _lastToken;

    private static CancellationToken Ct => Disclosure.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_NoAnswer_RemindsOnBusinessDaysThenEscalatesToAdmins_EachOnce(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var id = await NotifiedReportAsync(d, byEmail: true);

        d.Clock.SetUtcNow(FirstReminder.AddMinutes(-1)); // Monday 08:59: the weekend did not count
        Assert.Empty((await Pass(d)).Taken);
        d.Clock.SetUtcNow(FirstReminder);
        Assert.Equal([(id, DeadlineAction.MaintainerReminder)], (await Pass(d)).Taken);
        Assert.Empty((await Pass(d)).Taken);
        d.Clock.SetUtcNow(SecondReminder.AddHours(-1));
        Assert.Empty((await Pass(d)).Taken);
        d.Clock.SetUtcNow(SecondReminder);
        Assert.Equal([(id, DeadlineAction.MaintainerReminder)], (await Pass(d)).Taken);
        d.Clock.SetUtcNow(Escalation.AddHours(-1));
        Assert.Empty((await Pass(d)).Taken);
        d.Clock.SetUtcNow(Escalation);
        Assert.Equal([(id, DeadlineAction.MaintainerEscalation)], (await Pass(d)).Taken);
        d.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Empty((await Pass(d)).Taken);

        var team = await d.ViewAsync(id, Actor.User(d.Triager));
        Assert.Equal(
            [
                "Reminder maintainers reminded: no answer 3 business days after they were notified on "
                    + "Wednesday 25 November 2026, 09:00 UTC",
                "Reminder maintainers reminded: no answer 7 business days after they were notified on "
                    + "Wednesday 25 November 2026, 09:00 UTC",
                "Escalated maintainers unresponsive: no answer 10 business days after they were notified on "
                    + "Wednesday 25 November 2026, 09:00 UTC; the admins are told",
            ],
            team.Timeline.Where(e => e.Actor == "vigil").Select(e => $"{e.Kind} {e.Detail}"));
        Assert.All(team.Timeline.Where(e => e.Actor == "vigil"), e => Assert.True(e.Internal));

        var mail = await MailAsync(d);
        Assert.Equal(
            [
                $"{NotificationEvent.MaintainerReminder} {MaintainerEmail}",
                $"{NotificationEvent.MaintainerReminder} {MaintainerEmail}",
                $"{NotificationEvent.MaintainersUnresponsive} {AdminEmail}",
            ],
            mail.Select(m => $"{m.Event} {m.To}"));
        Assert.All(mail, m => Assert.DoesNotContain(Disclosure.Marker, m.Subject + m.Text));
        Assert.Contains("https://vigil.example.test/reports/" + id, mail[0].Text);
        Assert.Contains("Publication is due by Saturday 9 January 2027, 09:00 UTC", mail[2].Text);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_MaintainerCommentedAfterFirstReminder_NoFurtherReminderNorEscalation(
        DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var id = await NotifiedReportAsync(d, byEmail: false);
        d.Clock.SetUtcNow(FirstReminder);
        Assert.Equal([(id, DeadlineAction.MaintainerReminder)], (await Pass(d)).Taken);

        d.Clock.SetUtcNow(FirstReminder.AddHours(2));
        await d.Run(db => new CommentOnReport(db, d.Vault, d.Clock)
            .ExecuteAsync(id, Actor.User(d.Maintainer), "Looking into it.", false, Ct));
        foreach (var at in new[] { SecondReminder, Escalation, Escalation.AddDays(5) })
        {
            d.Clock.SetUtcNow(at);
            Assert.Empty((await Pass(d)).Taken);
        }
        await using var db = d.Open();
        Assert.Equal(1, await db.DeadlineActions.CountAsync(Ct));
    }

    /// <summary>Each way a maintainer answers counts, and a team member's comment does not.</summary>
    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Execute_AnsweredBeforeTheFirstReminder_NothingIsSent(DatabaseProvider provider, string answer)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var byEmail = answer == "accepts the e-mailed invitation";
        var id = await NotifiedReportAsync(d, byEmail);
        var token = byEmail ? _lastToken : null;
        d.Clock.SetUtcNow(Disclosure.Start.AddHours(5));
        var maintainer = Actor.User(d.Maintainer);
        await d.Run(db => answer switch
        {
            "accepts the e-mailed invitation" =>
                new AcceptInvitation(db, d.Clock).ExecuteAsync(id, maintainer, token!, Ct),
            "comment" => new CommentOnReport(db, d.Vault, d.Clock).ExecuteAsync(id, maintainer, "On it.", false, Ct),
            "fix started by the team" => new AdvanceReport(db, d.Clock).StartFixAsync(id, Actor.User(d.Triager), Ct),
            "team comment only" =>
                new CommentOnReport(db, d.Vault, d.Clock).ExecuteAsync(id, Actor.User(d.Triager), "Ping?", false, Ct),
            _ => throw new InvalidOperationException(answer),
        });

        d.Clock.SetUtcNow(FirstReminder);
        var taken = (await Pass(d)).Taken;

        Assert.Equal(answer == "team comment only" ? [(id, DeadlineAction.MaintainerReminder)] : [], taken);
    }

    public static TheoryData<DatabaseProvider, string> Answers()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var answer in new[]
                { "comment", "accepts the e-mailed invitation", "fix started by the team", "team comment only" })
            {
                data.Add(provider, answer);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_TwoRunnersAtOnce_EachMaintainerStepActsExactlyOnce(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await NotifiedReportAsync(d, byEmail: true));
        }

        foreach (var (at, action) in new[]
        {
            (FirstReminder, DeadlineAction.MaintainerReminder),
            (SecondReminder, DeadlineAction.MaintainerReminder),
            (Escalation, DeadlineAction.MaintainerEscalation),
        })
        {
            d.Clock.SetUtcNow(at);
            var passes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Pass(d), Ct)));
            var taken = passes.SelectMany(p => p.Taken).ToList();
            Assert.Equal(ids.Select(id => (id, action)), taken.Order());
            Assert.All(passes, p => Assert.Equal(0, p.Failed));
        }
        await using var db = d.Open();
        Assert.Equal(12, await db.DeadlineActions.CountAsync(Ct));
        Assert.Equal(12, (await MailAsync(d)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_ProgramPolicy_OwnDaysHolidaysAndNoEscalation(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        await d.Run(db => new UpdateProgramPolicy(db).ExecuteAsync(Disclosure.Slug, new ProgramSettings(
            Holidays: ["2026-11-26"], MaintainerReminderBusinessDays: [1], MaintainerEscalationBusinessDays: 0), Ct));
        var id = await NotifiedReportAsync(d, byEmail: true);

        d.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 8, 59, 0, TimeSpan.Zero)); // Thursday was a holiday
        Assert.Empty((await Pass(d)).Taken);
        d.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal([(id, DeadlineAction.MaintainerReminder)], (await Pass(d)).Taken);
        d.Clock.SetUtcNow(Escalation.AddDays(5));
        Assert.Empty((await Pass(d)).Taken);
    }

    /// <summary>A report accepted and its maintainer invited at <see cref="Disclosure.Start"/>; the program's admin has
    /// an account with an address.</summary>
    private async Task<long> NotifiedReportAsync(Disclosure d, bool byEmail)
    {
        var now = d.Clock.GetUtcNow();
        d.Clock.SetUtcNow(Disclosure.Start);
        var report = await d.SubmitAsync();
        await d.AcceptAsync(report.Id);
        await d.Run(async db =>
        {
            if (!await db.Users.AnyAsync(u => u.Id == d.Admin, Ct))
            {
                db.Users.Add(new VigilUser { Id = d.Admin, UserName = AdminEmail, Email = AdminEmail });
                await db.SaveChangesAsync(Ct);
            }
            _lastToken = (await d.Use<InviteMaintainer>(db).ExecuteAsync(
                report.Id, Actor.User(d.Triager), byEmail ? null : d.Maintainer, byEmail ? MaintainerEmail : null, Ct))
                .Token;
        });
        d.Clock.SetUtcNow(now > Disclosure.Start ? now : Disclosure.Start);
        return report.Id;
    }

    private static async Task<DeadlinePass> Pass(Disclosure d)
    {
        await using var db = d.Open();
        return await d.Use<RunDeadlines>(db, d.Notifier(db)).ExecuteAsync(Ct);
    }

    /// <summary>The clock's e-mails (the invitations left out), opened with the master key.</summary>
    private static async Task<List<(string Event, string To, string Subject, string Text)>> MailAsync(Disclosure d)
    {
        await using var db = d.Open();
        return (await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Kind == OutboxKind.Email && m.EventType != NotificationEvent.MaintainerInvited)
                .OrderBy(m => m.Id).ToListAsync(Ct))
            .Select(m => (m.EventType, OutboxSeal.Open(d.Vault, m.Recipient, OutboxSeal.RecipientPurpose)!, m.Subject,
                OutboxSeal.Open(d.Vault, m.TextBody, OutboxSeal.TextPurpose)!))
            .ToList();
    }
}
