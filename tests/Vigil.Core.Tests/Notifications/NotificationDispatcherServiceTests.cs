using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Data;
using Vigil.Core.Notifications;

namespace Vigil.Core.Tests.Notifications;

public class NotificationDispatcherServiceTests
{
    [Fact]
    public async Task Execute_ClockMovesOnePollInterval_SendsWhatWasQueuedMeanwhile()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var smtp = LoopbackSmtpServer.Start();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var options = Dispatchers.Options();
        options.PollInterval = TimeSpan.FromSeconds(10);
        var dispatcher = Dispatchers.Create(database.Target, clock, Dispatchers.Smtp(smtp.Port), options);
        using var service = new NotificationDispatcherService(dispatcher, Options.Create(options), clock,
            NullLogger<NotificationDispatcherService>.Instance);
        await EnqueueAsync(database, clock, "first@example.org");

        await service.StartAsync(ct);
        Assert.True(await smtp.WaitForMessageAsync(TimeSpan.FromSeconds(20)), "the first pass runs at start");
        await EnqueueAsync(database, clock, "second@example.org");
        Assert.False(await smtp.WaitForMessageAsync(TimeSpan.FromMilliseconds(500)),
            "nothing is sent before the next tick");
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await smtp.WaitForMessageAsync(TimeSpan.FromSeconds(20)),
            "the tick after one poll interval sends the second");
        await service.StopAsync(ct);

        Assert.Equal(["first@example.org", "second@example.org"],
            smtp.Received.Select(m => m.To.Mailboxes.Single().Address));
    }

    private static async Task EnqueueAsync(TestDatabase database, TimeProvider clock, string recipient)
    {
        await using var db = database.Open();
        new EnqueueNotification(db, clock, Dispatchers.Vault).Email(NotificationEvent.Accepted, Dispatchers.Facts(),
            [recipient]);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
