using System.Threading.Channels;
using Microsoft.Extensions.Logging;
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
        var start = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        var options = Dispatchers.Options();
        options.PollInterval = TimeSpan.FromSeconds(10);
        var dispatcher = Dispatchers.Create(database.Target, clock, Dispatchers.Smtp(smtp.Port), options);
        var passes = new PassLog();
        using var service = new NotificationDispatcherService(dispatcher, Options.Create(options), clock, passes);
        await EnqueueAsync(database, clock, "first@example.org");

        await service.StartAsync(ct);
        Assert.Equal((start, 1), await passes.NextAsync());
        await EnqueueAsync(database, clock, "second@example.org");
        clock.Advance(TimeSpan.FromSeconds(9));
        clock.Advance(TimeSpan.FromSeconds(1));
        // Passes run one after another, so the pass after the first is the one that sent the second message: it
        // started at the tick, not at the enqueue or after 9 s (which would prove a send before the tick).
        Assert.Equal((start.AddSeconds(10), 1), await passes.NextAsync());
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

    /// <summary>
    /// The service's debug line of each finished pass: when it started (on the fake clock) and what it handled.
    /// </summary>
    private sealed class PassLog : ILogger<NotificationDispatcherService>
    {
        private readonly Channel<(DateTimeOffset Started, int Count)> _passes =
            Channel.CreateUnbounded<(DateTimeOffset, int)>();

        /// <summary>The next finished pass (waits, bounded, for it to finish).</summary>
        public async Task<(DateTimeOffset Started, int Count)> NextAsync() =>
            await _passes.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask()
                .WaitAsync(TimeSpan.FromSeconds(30));

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> fields
                && fields.FirstOrDefault(f => f.Key == "Started").Value is DateTimeOffset started
                && fields.FirstOrDefault(f => f.Key == "Count").Value is int count)
            {
                _passes.Writer.TryWrite((started, count));
            }
        }
    }
}
