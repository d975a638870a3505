using Microsoft.EntityFrameworkCore;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Notifications;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

/// <summary>Report events queue their notifications with the state change; no message carries report text.</summary>
public class ReportNotificationTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Events_QueueMailsToTheRightPeopleWithoutReportText(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        await d.Run(async db =>
        {
            db.Users.Add(new VigilUser { Id = d.Triager, UserName = "tri@example.test", Email = "tri@example.test" });
            db.Users.Add(
                new VigilUser { Id = d.Maintainer, UserName = "dev@example.test", Email = "dev@example.test" });
            await db.SaveChangesAsync(Ct);
        });

        var report = await d.Run(
            db =>
                d.Use<SubmitReport>(db, Notifier(db, d))
                    .ExecuteAsync(Disclosure.Slug, Disclosure.Request(), Actor.Anonymous, Ct));
        await d.Run(
            db => d.Use<TriageReport>(db, Notifier(db, d)).AcceptAsync(report.Id, Actor.User(d.OtherTriager), Ct));
        await d.Run(
            db =>
                d.Use<InviteMaintainer>(db, Notifier(db, d))
                    .ExecuteAsync(report.Id, Actor.User(d.OtherTriager), d.Maintainer, null, Ct));

        var stored = await d.Run(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(Ct));
        // sealed at rest
        Assert.All(stored,
            m =>
                Assert.DoesNotContain("@example.test", m.Recipient + m.TextBody + m.HtmlBody,
                    StringComparison.Ordinal));
        var outbox = stored.Select(m => OutboxSeal.Opened(d.Vault, m)).ToList();
        Assert.Equal(
            [(NotificationEvent.ReportReceived, "tri@example.test"),
                (NotificationEvent.Accepted, $"researcher+{Disclosure.Marker}@example.test"),
                (NotificationEvent.MaintainerInvited, "dev@example.test")],
            outbox.Select(m => (m.EventType, m.Recipient!)));
        Assert.All(outbox, m =>
        {
            Assert.Contains($"/reports/{report.Id}", m.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("Prototype pollution", m.TextBody + m.HtmlBody + m.Subject, StringComparison.Ordinal);
        });
    }

    private static ReportNotifier Notifier(VigilDbContext db, Disclosure d) => d.Notifier(db);
}
