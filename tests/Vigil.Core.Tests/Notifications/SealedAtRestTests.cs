using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Bounties;
using Vigil.Core.Data;
using Vigil.Core.Notifications;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Bounties;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Notifications;

/// <summary>
/// Outbox recipients and bodies, and bounty award reasons, are sealed at rest: the raw rows (read with SQL, not
/// through the model) hold no plaintext; delivery still works and erases the recipient and bodies; a master
/// key rotation keeps them readable with the new key.
/// </summary>
public class SealedAtRestTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Outbox_QueuedThenDelivered_NoPlaintextAtRestAndErasedOnDelivery(DatabaseProvider provider)
    {
        const string marker = "OUTBOXMARK7c1e";
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var smtp = LoopbackSmtpServer.Start();
        var clock = new FakeTimeProvider(Start);
        await using (var db = database.Open())
        {
            var facts = new NotificationFacts("npm ecosystem", 7,
                new Uri($"https://vigil.test/reports/7/invitation#token=vin_{marker}"), null);
            new EnqueueNotification(db, clock, Dispatchers.Vault).Email(NotificationEvent.MaintainerInvited, facts,
                [$"dev-{marker}@example.org"]);
            await db.SaveChangesAsync(Ct);
        }

        var queued = await RawAsync(database, """SELECT "Recipient", "TextBody", "HtmlBody" FROM outbox_messages""");
        Assert.NotEmpty(queued);
        Assert.All(queued, value => Assert.DoesNotContain(marker, value, StringComparison.Ordinal));
        Assert.All(queued, value => Assert.DoesNotContain("example.org", value, StringComparison.Ordinal));

        await Dispatchers.Create(database.Target, clock, Dispatchers.Smtp(smtp.Port)).DispatchDueAsync(Ct);

        var mail = Assert.Single(smtp.Received);
        Assert.Equal($"dev-{marker}@example.org", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains(marker, mail.TextBody, StringComparison.Ordinal);
        await using (var db = database.Open())
        {
            var row = await db.OutboxMessages.AsNoTracking().SingleAsync(Ct);
            Assert.Equal((OutboxState.Delivered, 1, Start), (row.State, row.Attempts, row.Delivered));
            Assert.Equal(NotificationEvent.MaintainerInvited, row.EventType);
            Assert.Equal((null, "", null), (row.Recipient, row.TextBody, row.HtmlBody));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RotateMasterKey_QueuedOutboxMessage_OpensWithTheNewKeyOnly(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        await d.Run(async db =>
        {
            new EnqueueNotification(db, d.Clock, d.Vault).Email(NotificationEvent.Accepted, Dispatchers.Facts(),
                ["rotate@example.org"]);
            await db.SaveChangesAsync(Ct);
        });
        var next = new ReportVault(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        await d.Run(db => new RotateMasterKey(db).ExecuteAsync(d.Vault, next, Ct));

        var row = await d.Run(db => db.OutboxMessages.AsNoTracking().SingleAsync(Ct));
        Assert.Equal("rotate@example.org", OutboxSeal.Opened(next, row).Recipient);
        Assert.Contains("https://vigil.test/reports/7", OutboxSeal.Opened(next, row).TextBody,
            StringComparison.Ordinal);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => OutboxSeal.Opened(d.Vault, row));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BountyReason_Awarded_SealedAtRestReadableByTheTeamAfterRotation(DatabaseProvider provider)
    {
        const string marker = "REASONMARK3b9d";
        await using var d = await Disclosure.CreateAsync(provider);
        await BountyWorld.SetTableAsync(d);
        var id = await BountyWorld.AcceptedReportAsync(d);

        await BountyWorld.AwardAsync(d, id, new AwardInput("high", 3000m, Reason: $"Exceptional write-up {marker}"));

        var raw = await RawAsync(d.Database, """SELECT "Reason" FROM bounty_awards""");
        Assert.Single(raw);
        Assert.All(raw, value => Assert.DoesNotContain(marker, value, StringComparison.Ordinal));
        Assert.Equal($"Exceptional write-up {marker}",
            (await BountyWorld.ViewAsync(d, id, Actor.User(d.Triager))).Reason);
        var csv = await d.Run(
            db => new ExportPayouts(db, d.Vault).ExecuteAsync(Disclosure.Slug, Actor.User(d.Admin), null, Ct));
        Assert.Contains(marker, csv, StringComparison.Ordinal);

        var next = new ReportVault(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await d.Run(db => new RotateMasterKey(db).ExecuteAsync(d.Vault, next, Ct));

        var view =
            await d.Run(db =>
                new GetReportBounty(db, next, new BountyPayments(db, d.Clock))
            .ExecuteAsync(id, Actor.User(d.Triager), Ct));
        Assert.Equal($"Exceptional write-up {marker}", view.Reason);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SealClearValues_RowsAnOlderVersionWroteInClear_SealedOnceAndStillReadable(
        DatabaseProvider provider)
    {
        const string marker = "CLEARMARK51a2";
        await using var d = await Disclosure.CreateAsync(provider);
        await BountyWorld.SetTableAsync(d);
        var id = await BountyWorld.AcceptedReportAsync(d);
        await BountyWorld.AwardAsync(d, id, new AwardInput("high", 3000m, Reason: "sealed by this version"));
        await d.Run(async db =>
        {
            // As an older version stored them: in clear.
            (await db.Set<BountyAwardEntity>().SingleAsync(Ct)).Reason = $"Old reason {marker}";
            db.OutboxMessages.Add(new OutboxMessageEntity
            {
                Kind = OutboxKind.Email,
                EventType = "Accepted",
                Recipient = $"old-{marker}@example.org",
                Subject = "Report accepted",
                TextBody = $"Old body {marker}",
                HtmlBody = $"<p>Old body {marker}</p>",
                Created = Start,
                NextAttempt = Start,
            });
            await db.SaveChangesAsync(Ct);
        });
        Assert.Contains(
            await RawAsync(d.Database, """SELECT "Recipient", "TextBody", "HtmlBody" FROM outbox_messages"""),
            v => v.Contains(marker, StringComparison.Ordinal));

        var first = await d.Run(db => new SealClearValues(db).ExecuteAsync(d.Vault, Ct));
        var second = await d.Run(db => new SealClearValues(db).ExecuteAsync(d.Vault, Ct));

        Assert.Equal((2, 0), (first, second));
        var raw = (await RawAsync(d.Database, """SELECT "Recipient", "TextBody", "HtmlBody" FROM outbox_messages"""))
            .Concat(await RawAsync(d.Database, """SELECT "Reason" FROM bounty_awards"""));
        Assert.All(raw, value => Assert.DoesNotContain(marker, value, StringComparison.Ordinal));
        var message = OutboxSeal.Opened(d.Vault, await d.Run(db => db.OutboxMessages.AsNoTracking().SingleAsync(Ct)));
        Assert.Equal(($"old-{marker}@example.org", $"Old body {marker}", $"<p>Old body {marker}</p>"),
            (message.Recipient, message.TextBody, message.HtmlBody));
        Assert.Equal($"Old reason {marker}", (await BountyWorld.ViewAsync(d, id, Actor.User(d.Triager))).Reason);
    }

    /// <summary>Every non-null value of the query's columns, read with plain SQL on the context's connection.</summary>
    private static async Task<List<string>> RawAsync(TestDatabase database, string sql)
    {
        await using var db = database.Open();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using DbDataReader reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!await reader.IsDBNullAsync(i, Ct))
                {
                    values.Add(reader.GetString(i));
                }
            }
        }
        return values;
    }
}
