using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Data;
using Vigil.Core.Notifications;

namespace Vigil.Core.Tests.Notifications;

public class WebhookDeliveryTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /// <summary>A real Kestrel receiver on loopback that verifies each signature with the StandardWebhooks
    /// package.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        public ConcurrentQueue<(string Id, string Body, bool Verified)> Calls { get; } = new();
        public int FailuresLeft;
        public TimeSpan Delay;

        public Receiver()
        {
            _app = LoopbackHttp.Create();
            _app.MapPost("/hook", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                bool verified;
                try
                {
                    new StandardWebhooks.StandardWebhook(Secret).Verify(body, request.Headers);
                    verified = true;
                }
                catch (Exception)
                {
                    verified = false;
                }
                Calls.Enqueue((request.Headers["webhook-id"].ToString(), body, verified));
                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay, request.HttpContext.RequestAborted);
                }
                return Interlocked.Decrement(ref FailuresLeft) >= 0 ? Results.StatusCode(503) : Results.NoContent();
            });
        }

        public async Task<string> StartAsync()
        {
            await _app.StartAsync();
            return LoopbackHttp.Root(_app) + "/hook";
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private static async Task EnqueueAsync(TestDatabase database, TimeProvider clock, string url)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.Open();
        db.WebhookEndpoints.Add(
            new WebhookEndpointEntity
            {
                ProgramId = 1,
                Url = url,
                Secret = Secret,
                EventFilter = $"{NotificationEvent.Accepted} {NotificationEvent.Published}"
            });
        db.WebhookEndpoints.Add(new WebhookEndpointEntity { ProgramId = 2, Url = url, Secret = Secret });
        await db.SaveChangesAsync(ct);
        var enqueue = new EnqueueNotification(db, clock, Dispatchers.Vault);
        await enqueue.WebhooksAsync(NotificationEvent.ReportReceived, 1, Dispatchers.Facts(), ct); // filtered out
        await enqueue.WebhooksAsync(NotificationEvent.Published, 1, Dispatchers.Facts(), ct);
        await db.SaveChangesAsync(ct);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DispatchDue_ReceiverFailsOnceThenAccepts_SignedPayloadDeliveredOnRetry(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var receiver = new Receiver { FailuresLeft = 1 };
        var url = await receiver.StartAsync();
        // The receiver checks the timestamp against its real clock, so the fake clock starts at real now.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await EnqueueAsync(database, clock, url);
        var dispatcher = Dispatchers.Create(database.Target, clock, new SmtpOptions());

        Assert.Equal(1, await dispatcher.DispatchDueAsync(ct));
        await using (var db = database.Open())
        {
            var failed = await db.OutboxMessages.AsNoTracking().SingleAsync(ct);
            Assert.Equal(("webhook answered HTTP 503", OutboxState.Pending), (failed.LastError, failed.State));
        }
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(ct));

        Assert.Equal(2, receiver.Calls.Count);
        Assert.All(receiver.Calls, c => Assert.True(c.Verified));
        Assert.Single(receiver.Calls.Select(c => c.Id).Distinct());
        var body = receiver.Calls.Last().Body;
        Assert.Contains("\"type\":\"report.published\"", body, StringComparison.Ordinal);
        Assert.Contains("\"report\":7", body, StringComparison.Ordinal);
        await using var check = database.Open();
        Assert.Equal(OutboxState.Delivered, (await check.OutboxMessages.AsNoTracking().SingleAsync(ct)).State);
    }

    [Fact]
    public async Task DispatchDue_ReceiverTooSlow_TimesOutAndRetries()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var receiver = new Receiver { Delay = TimeSpan.FromSeconds(10) };
        var url = await receiver.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await EnqueueAsync(database, clock, url);
        var options = Dispatchers.Options();
        options.WebhookTimeout = TimeSpan.FromSeconds(1);

        await Dispatchers.Create(database.Target, clock, new SmtpOptions(), options).DispatchDueAsync(ct);

        Assert.Single(receiver.Calls);
        await using var db = database.Open();
        var row = await db.OutboxMessages.AsNoTracking().SingleAsync(ct);
        Assert.Equal(("webhook timed out", OutboxState.Pending, 1), (row.LastError, row.State, row.Attempts));
    }

    [Fact]
    public async Task DispatchDue_LoopbackTargetWithoutOption_RefusedAsNotPublic()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var receiver = new Receiver();
        var url = await receiver.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await EnqueueAsync(database, clock, url);
        var options = Dispatchers.Options();
        options.AllowPrivateWebhookTargets = false;

        await Dispatchers.Create(database.Target, clock, new SmtpOptions(), options).DispatchDueAsync(ct);

        Assert.Empty(receiver.Calls);
        await using var db = database.Open();
        Assert.Equal("webhook target is not a public address",
            (await db.OutboxMessages.AsNoTracking().SingleAsync(ct)).LastError);
    }
}
