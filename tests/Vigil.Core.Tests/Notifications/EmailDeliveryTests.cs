using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Data;
using Vigil.Core.Notifications;

namespace Vigil.Core.Tests.Notifications;

public class EmailDeliveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static async Task EnqueueAsync(TestDatabase database, FakeTimeProvider clock, params string[] recipients)
    {
        await using var db = database.Open();
        new EnqueueNotification(db, clock, Dispatchers.Vault).Email(NotificationEvent.ReportReceived,
            Dispatchers.Facts(), recipients);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<OutboxMessageEntity> SingleRowAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DispatchDue_SmtpServerAccepts_DeliversTextAndHtmlWithHeaders(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var smtp = LoopbackSmtpServer.Start();
        var clock = new FakeTimeProvider(Start);
        await EnqueueAsync(database, clock, "team@example.org");

        var handled = await Dispatchers.Create(database.Target, clock, Dispatchers.Smtp(smtp.Port))
            .DispatchDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, handled);
        var mail = Assert.Single(smtp.Received);
        Assert.Equal("security@vigil.test", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("team@example.org", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("New report #7 in npm ecosystem", mail.Subject);
        Assert.Equal(NotificationEvent.ReportReceived, mail.Headers["X-Vigil-Event"]);
        Assert.StartsWith("vigil-outbox-", mail.MessageId, StringComparison.Ordinal);
        Assert.Contains("https://vigil.test/reports/7", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Triage is due by Tuesday 1 December 2026, 12:00 UTC.",
            mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://vigil.test/reports/7\">", mail.HtmlBody, StringComparison.Ordinal);
        var row = await SingleRowAsync(database);
        Assert.Equal(OutboxState.Delivered, row.State);
        Assert.Equal(Start, row.Delivered);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LeaseOwner);
        // sent: the body (which may hold an invitation link) is erased
        Assert.Equal(("", null), (row.TextBody, row.HtmlBody));
    }

    [Fact]
    public async Task DispatchDue_AfterTheRetention_DeliveredMessagesAreDeleted()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var smtp = LoopbackSmtpServer.Start();
        var clock = new FakeTimeProvider(Start);
        await EnqueueAsync(database, clock, "team@example.org");
        var dispatcher = Dispatchers.Create(database.Target, clock, Dispatchers.Smtp(smtp.Port));
        await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromDays(29));
        await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);
        Assert.Equal(OutboxState.Delivered, (await SingleRowAsync(database)).State);
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);

        await using var db = database.Open();
        Assert.Empty(db.OutboxMessages);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DispatchDue_SmtpServerRefuses_RetriesWithDoublingBackoffThenDead(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var smtp = LoopbackSmtpServer.Start();
        smtp.Refuse = true;
        var clock = new FakeTimeProvider(Start);
        await EnqueueAsync(database, clock, "reporter@example.org");
        var dispatcher = Dispatchers.Create(database.Target, clock, Dispatchers.Smtp(smtp.Port),
            Dispatchers.Options(maxAttempts: 3));
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(1, await dispatcher.DispatchDueAsync(ct));
        var first = await SingleRowAsync(database);
        Assert.Equal((OutboxState.Pending, 1, Start.AddMinutes(1)), (first.State, first.Attempts, first.NextAttempt));
        Assert.StartsWith("SMTP 554", first.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("reporter@", first.LastError, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(ct));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(ct));
        var second = await SingleRowAsync(database);
        Assert.Equal((OutboxState.Pending, 2, Start.AddMinutes(3)),
            (second.State, second.Attempts, second.NextAttempt));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(ct));
        var dead = await SingleRowAsync(database);
        Assert.Equal((OutboxState.Dead, 3), (dead.State, dead.Attempts));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(ct));
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task DispatchDue_SmtpServerDown_RecordsUnreachableAndRetries()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var clock = new FakeTimeProvider(Start);
        await EnqueueAsync(database, clock, "team@example.org");

        await Dispatchers.Create(database.Target, clock, Dispatchers.Smtp(LoopbackSmtpServer.FreePort()))
            .DispatchDueAsync(TestContext.Current.CancellationToken);

        var row = await SingleRowAsync(database);
        Assert.Equal(OutboxState.Pending, row.State);
        Assert.StartsWith("SMTP server unreachable", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchDue_SmtpNotConfigured_LeavesEmailQueued()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var clock = new FakeTimeProvider(Start);
        await EnqueueAsync(database, clock, "team@example.org");

        var handled = await Dispatchers.Create(database.Target, clock, new SmtpOptions())
            .DispatchDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, handled);
        Assert.Equal((OutboxState.Pending, 0),
            ((await SingleRowAsync(database)).State, (await SingleRowAsync(database)).Attempts));
    }
}
