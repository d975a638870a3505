using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Data;
using Vigil.Core.Notifications;

namespace Vigil.Core.Tests.Notifications;

public class ExactlyOnceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DispatchDue_FourInstancesConcurrently_DeliverEachMessageExactlyOnce(DatabaseProvider provider)
    {
        const int messages = 40;
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var smtp = LoopbackSmtpServer.Start();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        await using (var db = database.Open())
        {
            new EnqueueNotification(db, clock, Dispatchers.Vault).Email(NotificationEvent.Published,
                Dispatchers.Facts(),
                Enumerable.Range(1, messages).Select(i => $"member{i}@example.org"));
            await db.SaveChangesAsync(ct);
        }
        var options = Dispatchers.Options();
        options.BatchSize = messages;
        // Each dispatcher opens its own DbContext and connection per pass, like separate server instances.
        var instances = Enumerable.Range(0, 4)
            .Select(_ => Dispatchers.Create(database.Target, clock, Dispatchers.Smtp(smtp.Port), options)).ToList();

        var handled = await Task.WhenAll(instances.Select(d => Task.Run(() => d.DispatchDueAsync(ct), ct)));

        Assert.Equal(messages, handled.Sum());
        var received = smtp.Received.Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(messages, received.Count);
        Assert.Equal(messages, received.Distinct().Count());
        await using var check = database.Open();
        Assert.Equal(messages,
            await check.OutboxMessages.CountAsync(m => m.State == OutboxState.Delivered && m.Attempts == 1, ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Claim_LeaseHeldThenLapsed_OnlyOneOwnerUntilItLapses(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var now = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
        long id;
        await using (var db = database.Open())
        {
            var row = new OutboxMessageEntity
            {
                EventType = "e",
                Subject = "s",
                TextBody = "b",
                Created = now,
                NextAttempt = now
            };
            db.OutboxMessages.Add(row);
            await db.SaveChangesAsync(ct);
            id = row.Id;
        }
        await using var a = database.Open();
        await using var b = database.Open();

        var due = NotificationDispatcher.Due(now.AddMinutes(5));
        Assert.Equal([id],
            await LeaseClaim.ClaimAsync(a.OutboxMessages, [id], due, "a", now, TimeSpan.FromMinutes(2), ct));
        Assert.Empty(await LeaseClaim.ClaimAsync(
            b.OutboxMessages, [id], due, "b", now.AddMinutes(1), TimeSpan.FromMinutes(2), ct));
        Assert.True(await LeaseClaim.HoldsAsync(a.OutboxMessages, id, "a", now.AddMinutes(1), ct));
        Assert.Equal([id], await LeaseClaim.ClaimAsync(
            b.OutboxMessages, [id], due, "b", now.AddMinutes(3), TimeSpan.FromMinutes(2), ct));
        Assert.False(await LeaseClaim.HoldsAsync(a.OutboxMessages, id, "a", now.AddMinutes(3), ct));
    }

    /// <summary>
    /// The race the four-instance test met once in CI: an instance read the message as a candidate, another delivered
    /// it and cleared its lease, then the first claimed it (the lease was free) and sent it a second time. The claim
    /// checks again that the message is still waiting.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Claim_MessageDeliveredAfterItWasRead_IsNotClaimedAgain(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var now = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
        await using var db = database.Open();
        var row = new OutboxMessageEntity
        {
            EventType = "e",
            Subject = "s",
            TextBody = "b",
            Created = now,
            NextAttempt = now,
        };
        db.OutboxMessages.Add(row);
        await db.SaveChangesAsync(ct);
        var candidates =
            await db.OutboxMessages.Where(NotificationDispatcher.Due(now)).Select(m => m.Id).ToListAsync(ct);
        // Another instance delivers it meanwhile: the state is final and the lease cleared.
        await db.OutboxMessages.Where(m => m.Id == row.Id).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.State, OutboxState.Delivered).SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), ct);

        var claimed = await LeaseClaim.ClaimAsync(
            db.OutboxMessages, candidates, NotificationDispatcher.Due(now), "late", now, TimeSpan.FromMinutes(2), ct);

        Assert.Equal([row.Id], candidates);
        Assert.Empty(claimed);
    }
}
