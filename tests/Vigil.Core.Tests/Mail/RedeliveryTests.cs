using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Mail;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Mail;

/// <summary>
/// A message delivered twice (an MTA retrying after it lost the listener's 250) is taken once: the second
/// delivery is accepted and dropped; the same text with another Message-ID is a new message. On both databases.
/// </summary>
public class RedeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<int> ReportsAsync(MailWorld world) =>
        world.Disclosure.Run(db => db.Reports.CountAsync(Ct));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SameMessageIdTwice_OneReport_AnotherMessageId_ASecond(DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider);
        var message = MailWorld.Message(MailWorld.Researcher, MailWorld.Intake, "RCE in deep-merge", "Steps");
        message.MessageId = "retry-1@mta.example.test";

        await world.SendAsync(message);
        await world.SendAsync(message);

        Assert.Equal(1, await ReportsAsync(world));
        Assert.Contains(world.LogLines,
            l => l.Contains($"Dropped ({ReceiveMail.Duplicate})", StringComparison.Ordinal));
        Assert.Equal(1, await world.Disclosure.Run(db => db.ReceivedMessages.CountAsync(Ct)));

        message.MessageId = "retry-2@mta.example.test";
        await world.SendAsync(message);
        Assert.Equal(2, await ReportsAsync(world));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Remember_SameKeyTwice_IsOneRowAndTheContextStaysUsable(DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider);
        var key = new byte[32];
        key[0] = 7;

        await world.Disclosure.Run(async db =>
        {
            var received = world.Disclosure.Use<ReceivedMessages>(db);
            await received.RememberAsync(key, Ct);
            await received.RememberAsync(key, Ct);
            Assert.True(await received.SeenAsync(key, Ct));
        });

        Assert.Equal(1, await world.Disclosure.Run(db => db.ReceivedMessages.CountAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AReplyDeliveredTwice_IsOneComment_AndOldMessagesAreForgotten(DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider);
        await world.SendAsync(MailWorld.Message(MailWorld.Researcher, MailWorld.Intake, "Bug", "Details"));
        var sent = await world.DispatchAsync();
        var reply = Assert.Single(sent, m => m.To.Mailboxes.Single().Address == MailWorld.Researcher)
            .ReplyTo.Mailboxes.Single().Address;
        var answer = MailWorld.Message(MailWorld.Researcher, reply, "Re: Bug", "Version 1.2.3 too.");
        answer.MessageId = "answer@mail.example.test";
        var comments = () => world.Disclosure.Run(db =>
            db.ReportEvents.CountAsync(e => e.Kind == ReportEventKind.Comment, Ct));

        await world.SendAsync(answer);
        await world.SendAsync(answer);
        Assert.Equal(1, await comments());

        world.Disclosure.Clock.Advance(ReceivedMessages.Memory + TimeSpan.FromDays(1));
        var late = MailWorld.Message(MailWorld.Researcher, MailWorld.Intake, "Another", "Other steps");
        await world.SendAsync(late);
        // Taking a new message forgets those older than the memory: only the new one is left.
        Assert.Equal(1, await world.Disclosure.Run(db => db.ReceivedMessages.CountAsync(Ct)));
    }
}
