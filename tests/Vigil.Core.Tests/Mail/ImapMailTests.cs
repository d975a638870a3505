using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using Vigil.Core.Data;
using Vigil.Core.Mail;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Mail;

/// <summary>
/// Mail polled from a real Dovecot mailbox (<see cref="TestImap"/>) by the real poller, with the SMTP listener
/// off: what the listener would take becomes a report or a comment and moves to the processed folder; what it
/// would refuse is refused with nothing written and moves to the refused folder; bounces and automatic answers
/// move to the dropped folder; a message is taken once, also after a crash between the commit and the move, and
/// with two instances polling one mailbox. On both databases (two instances: on PostgreSQL, which serves several).
/// </summary>
public class ImapMailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Processed = "Vigil/Processed";
    private const string Dropped = "Vigil/Dropped";
    private const string Refused = "Vigil/Refused";

    public static async Task<(MailWorld World, TestImap Mailbox)> StartAsync(
        DatabaseProvider provider, Dictionary<string, string?>? more = null)
    {
        var mailbox = TestImap.Mailbox();
        var settings = mailbox.Settings();
        settings["Vigil:Mail:Inbound:Enabled"] = "false";
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }
        return (await MailWorld.StartAsync(provider, settings), mailbox);
    }

    private static Task<int> ReportsAsync(MailWorld world) => world.Disclosure.Run(db => db.Reports.CountAsync(Ct));

    private static Task<int> CommentsAsync(MailWorld world) => world.Disclosure.Run(db =>
        db.ReportEvents.CountAsync(e => e.Kind == ReportEventKind.Comment, Ct));

    private static Task<int> AcknowledgementsAsync(MailWorld world) => world.Disclosure.Run(db =>
        db.OutboxMessages.CountAsync(m => m.EventType == "report.acknowledged", Ct));

    private static MimeMessage Message(string from, string to, string subject, string text, string id)
    {
        var message = MailWorld.Message(from, to, subject, text);
        message.MessageId = id;
        message.Headers.Add(HeaderId.ReturnPath, $"<{from}>");
        return message;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Intake_BecomesAReportAndAnAcknowledgement_AndMovesToProcessed(DatabaseProvider provider)
    {
        var (world, mailbox) = await StartAsync(provider);
        await using var _ = world;
        await mailbox.AppendAsync(Message(MailWorld.Researcher, MailWorld.Intake, "RCE in deep-merge",
            $"Steps to reproduce: {Disclosure.Marker}", "intake-1@mail.example.test"));

        var pass = await world.Poller.PollAsync(Ct);

        Assert.True(pass.Polled);
        var taken = Assert.Single(pass.Messages);
        Assert.Equal(MailVerdict.Taken, taken.Receipt.Verdict);
        Assert.Equal(Processed, taken.MovedTo);
        var report = await world.Disclosure.Run(db => db.Reports.AsNoTracking().SingleAsync(Ct));
        Assert.Equal([report.Id], taken.Receipt.Reports);
        var view = await world.Disclosure.ViewAsync(report.Id, Actor.System);
        Assert.Equal(($"Steps to reproduce: {Disclosure.Marker}", MailWorld.Researcher),
            (view.Description, view.ReporterEmail));
        Assert.Equal(1, await AcknowledgementsAsync(world));
        Assert.Empty(await mailbox.MessagesAsync());
        Assert.Equal("RCE in deep-merge", Assert.Single(await mailbox.MessagesAsync(Processed)).Subject);
        Assert.Contains(world.LogLines, l => l.Contains("(IMAP UID 1)", StringComparison.Ordinal)
            && l.Contains("Taken (taken)", StringComparison.Ordinal));
        Assert.DoesNotContain(world.LogLines, l => l.Contains(Disclosure.Marker, StringComparison.Ordinal)
            || l.Contains("deep-merge", StringComparison.Ordinal));

        // Nothing left: the next poll finds nothing.
        Assert.Empty((await world.Poller.PollAsync(Ct)).Messages);
        Assert.Equal(1, await ReportsAsync(world));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AThreadedReply_BecomesAComment_AStrangersOrAnUnknownToken_IsRefusedWithNothingWritten(
        DatabaseProvider provider)
    {
        var (world, mailbox) = await StartAsync(provider);
        await using var _ = world;
        await mailbox.AppendAsync(Message(MailWorld.Researcher, MailWorld.Intake, "Bug", "Details", "bug@x.test"));
        await world.Poller.PollAsync(Ct);
        // With only the mailbox (the listener off), mail from the report carries a reply address.
        var sent = await world.DispatchAsync();
        var reply = Assert.Single(sent, m => m.To.Mailboxes.Single().Address == MailWorld.Researcher)
            .ReplyTo.Mailboxes.Single().Address;
        Assert.StartsWith("reply+", reply, StringComparison.Ordinal);

        await mailbox.AppendAsync(Message(MailWorld.Researcher, reply, "Re: Bug",
            "Version 1.2.3 too.\n\nOn Monday Vigil wrote:\n> Received", "answer@x.test"));
        await mailbox.AppendAsync(Message("else@example.test", reply, "Re: Bug", "Me too", "stranger@x.test"));
        var unknown = $"reply+{new string('0', 48)}@{MailWorld.ReplyDomain}";
        await mailbox.AppendAsync(Message(MailWorld.Researcher, unknown, "Re: Bug", "Guess", "guess@x.test"));
        await mailbox.AppendAsync(Message(MailWorld.Researcher, "nobody@npm-eco.test", "Hi", "Hi", "no@x.test"));
        var pass = await world.Poller.PollAsync(Ct);

        Assert.Equal([MailVerdict.Taken, MailVerdict.Refused, MailVerdict.Refused, MailVerdict.Refused],
            pass.Messages.Select(m => m.Receipt.Verdict));
        Assert.All(pass.Messages.Skip(1), m => Assert.Equal(ReceiveMail.UnknownAddress, m.Receipt.Reason));
        Assert.Equal(1, await CommentsAsync(world));
        var comment = await world.Disclosure.Run(db => db.ReportEvents.AsNoTracking()
            .SingleAsync(e => e.Kind == ReportEventKind.Comment, Ct));
        var view = await world.Disclosure.ViewAsync(comment.ReportId, Actor.System);
        Assert.Equal("Version 1.2.3 too.", Assert.Single(view.Timeline, e => e.Kind == "Comment").Text);
        Assert.Equal(1, await ReportsAsync(world));
        Assert.Equal(["Me too", "Guess", "Hi"],
            (await mailbox.MessagesAsync(Refused)).Select(m => m.TextBody?.Trim() ?? ""));
        Assert.Single(await mailbox.MessagesAsync(Processed), m => m.Subject == "Re: Bug");
        Assert.Empty(await mailbox.MessagesAsync());
        // Nothing is sent back to a refused sender.
        Assert.DoesNotContain(await world.DispatchAsync(),
            m => m.To.Mailboxes.Any(a => a.Address == "else@example.test"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnAutoReplyAndABounce_AreDropped_WithNothingWritten(DatabaseProvider provider)
    {
        var (world, mailbox) = await StartAsync(provider);
        await using var _ = world;
        var auto = Message(MailWorld.Researcher, MailWorld.Intake, "Out of office", "Back Monday", "ooo@x.test");
        auto.Headers.Add("Auto-Submitted", "auto-replied");
        await mailbox.AppendAsync(auto);
        var bounce = new MimeMessage();
        bounce.From.Add(MailboxAddress.Parse("mailer-daemon@mx.example.test"));
        bounce.To.Add(MailboxAddress.Parse(MailWorld.Intake));
        bounce.Subject = "Undelivered Mail Returned to Sender";
        bounce.MessageId = "dsn@mx.example.test";
        bounce.Headers.Add(HeaderId.ReturnPath, "<>");
        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = "Your message could not be delivered." },
            new MessageDeliveryStatus(),
        };
        bounce.Body = report;
        await mailbox.AppendAsync(bounce);
        // A delivery report without the MTA's Return-Path: known by its content type alone.
        bounce.Headers.Remove(HeaderId.ReturnPath);
        bounce.MessageId = "dsn-2@mx.example.test";
        await mailbox.AppendAsync(bounce);

        var pass = await world.Poller.PollAsync(Ct);

        Assert.Equal(["auto-submitted", "bounce", "delivery report"], pass.Messages.Select(m => m.Receipt.Reason));
        Assert.All(pass.Messages, m => Assert.Equal(MailVerdict.Dropped, m.Receipt.Verdict));
        Assert.Equal(3, (await mailbox.MessagesAsync(Dropped)).Count);
        Assert.Equal(0, await ReportsAsync(world));
        Assert.Empty(await world.DispatchAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheSameMessageTwice_IsTakenOnce(DatabaseProvider provider)
    {
        var (world, mailbox) = await StartAsync(provider);
        await using var _ = world;
        var message = Message(MailWorld.Researcher, MailWorld.Intake, "XSS", "Steps", "twice@mail.example.test");
        await mailbox.AppendAsync(message);
        await mailbox.AppendAsync(message);
        // Delivered again later, after the first was taken and moved.
        var first = await world.Poller.PollAsync(Ct);
        await mailbox.AppendAsync(message);
        var second = await world.Poller.PollAsync(Ct);

        Assert.Equal(["taken", ReceiveMail.Duplicate, ReceiveMail.Duplicate],
            first.Messages.Concat(second.Messages).Select(m => m.Receipt.Reason));
        Assert.Equal(1, await ReportsAsync(world));
        Assert.Equal(1, await AcknowledgementsAsync(world));
        // Taken before is processed, not dropped: the message did become a report.
        Assert.Equal(3, (await mailbox.MessagesAsync(Processed)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task APollAfterACrashBetweenCommitAndMove_TakesNothingTwice(DatabaseProvider provider)
    {
        var (world, mailbox) = await StartAsync(provider);
        await using var _ = world;
        var message = Message(MailWorld.Researcher, MailWorld.Intake, "SSRF", "Steps", "crash@mail.example.test");
        await mailbox.AppendAsync(message);
        // The crashed poll: it read the message from the mailbox and committed what it became, then stopped
        // before moving it.
        var read = Assert.Single(await mailbox.MessagesAsync());
        Assert.Equal(MailVerdict.Taken, (await world.Poller.ReceiveAsync(read, Ct)).Verdict);
        Assert.Single(await mailbox.MessagesAsync());

        var pass = await world.Poller.PollAsync(Ct);

        var again = Assert.Single(pass.Messages);
        Assert.Equal(ReceiveMail.Duplicate, again.Receipt.Reason);
        Assert.Equal(Processed, again.MovedTo);
        Assert.Equal(1, await ReportsAsync(world));
        Assert.Equal(1, await AcknowledgementsAsync(world));
        Assert.Empty(await mailbox.MessagesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OverTheRateLimit_StaysInTheFolderForALaterPoll_AndTooLargeIsRefusedUnread(
        DatabaseProvider provider)
    {
        var (world, mailbox) = await StartAsync(provider, new() { ["Vigil:Mail:Inbound:PerSenderPerHour"] = "1" });
        await using var _ = world;
        await mailbox.AppendAsync(Message(MailWorld.Researcher, MailWorld.Intake, "One", "Steps", "one@x.test"));
        await mailbox.AppendAsync(Message(MailWorld.Researcher, MailWorld.Intake, "Two", "Steps", "two@x.test"));
        await mailbox.AppendAsync(MailWorld.Message("big@example.test", MailWorld.Intake, "Big", "Steps",
            ("dump.bin", new byte[300_000])));

        var pass = await world.Poller.PollAsync(Ct);

        Assert.Equal([MailVerdict.Taken, MailVerdict.Deferred, MailVerdict.Refused],
            pass.Messages.Select(m => m.Receipt.Verdict));
        Assert.Equal(ImapMailPoller.TooLarge, pass.Messages[2].Receipt.Reason);
        Assert.Equal("Two", Assert.Single(await mailbox.MessagesAsync()).Subject);
        world.Disclosure.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(MailVerdict.Taken, Assert.Single((await world.Poller.PollAsync(Ct)).Messages).Receipt.Verdict);
        Assert.Equal(2, await ReportsAsync(world));
        Assert.Empty(await mailbox.MessagesAsync());
    }

    [Fact]
    public async Task TwoInstancesPollingOneMailbox_TakeEachMessageOnce()
    {
        var (world, mailbox) = await StartAsync(DatabaseProvider.Postgres,
            new() { ["Vigil:Mail:Inbound:PerSenderPerHour"] = "1000" });
        await using var _ = world;
        await using var other = world.AnotherInstance();
        for (var i = 0; i < 12; i++)
        {
            await mailbox.AppendAsync(Message(MailWorld.Researcher, MailWorld.Intake, $"Report {i}", "Steps",
                $"many-{i}@x.test"));
        }
        var pollers = new[] { world.Poller, other.GetRequiredService<ImapMailPoller>() };

        // Each instance polls several times at once with the other; whichever holds the mailbox takes what is there.
        var passes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => pollers[i % 2].PollAsync(Ct)));

        Assert.Contains(passes, p => p.Polled);
        Assert.Equal(12, passes.Sum(p => p.Messages.Count));
        Assert.Equal(12, await ReportsAsync(world));
        Assert.Equal(12, (await mailbox.MessagesAsync(Processed)).Count);
        Assert.Empty(await mailbox.MessagesAsync());
    }

    [Fact]
    public void Settings_AreCheckedAtStart_NamingTheSetting()
    {
        static IReadOnlyList<string> Errors(Dictionary<string, string?> values)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(values).Build();
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(configuration);
            services.AddVigilCore();
            using var provider = services.BuildServiceProvider();
            try
            {
                _ = provider.GetRequiredService<IOptions<ImapMailOptions>>().Value;
                return [];
            }
            catch (OptionsValidationException e)
            {
                return e.Failures.ToList();
            }
        }

        Assert.Empty(Errors(new() { ["Vigil:Mail:Imap:Host"] = "imap.example.org" }));
        var missing = Errors(new() { ["Vigil:Mail:Imap:Enabled"] = "true" });
        Assert.Contains(missing, e => e.Contains("Vigil:Mail:Imap:Host", StringComparison.Ordinal));
        Assert.Contains(missing, e => e.Contains("Vigil:Mail:Imap:User", StringComparison.Ordinal));
        Assert.Contains(missing, e => e.Contains("Vigil:Mail:Imap:Password", StringComparison.Ordinal));
        Assert.Contains(missing, e => e.Contains("Vigil:Mail:Inbound:ReplyDomain", StringComparison.Ordinal));
        var wrong = Errors(new()
        {
            ["Vigil:Mail:Imap:Enabled"] = "true",
            ["Vigil:Mail:Imap:Host"] = "imap.example.org",
            ["Vigil:Mail:Imap:Security"] = "None",
            ["Vigil:Mail:Imap:User"] = "vigil",
            ["Vigil:Mail:Imap:Password"] = "secret",
            ["Vigil:Mail:Imap:RefusedFolder"] = "Vigil//Refused",
            ["Vigil:Mail:Imap:DroppedFolder"] = "Vigil/Processed",
            ["Vigil:Mail:Inbound:ReplyDomain"] = "reply.example.org",
        });
        Assert.Contains(wrong, e => e.Contains("Vigil:Mail:Imap:Security may be None only", StringComparison.Ordinal));
        Assert.Contains(wrong, e => e.Contains("Vigil:Mail:Imap:RefusedFolder must be", StringComparison.Ordinal));
        Assert.Contains(wrong, e => e.Contains(
            "Vigil:Mail:Imap:ProcessedFolder and Vigil:Mail:Imap:DroppedFolder", StringComparison.Ordinal));
        Assert.DoesNotContain(wrong, e => e.Contains("secret", StringComparison.Ordinal));
        Assert.Contains(Errors(new() { ["Vigil:Mail:Imap:PollInterval"] = "00:00:00" }),
            e => e.Contains("Vigil:Mail:Imap:PollInterval must be between", StringComparison.Ordinal));
    }
}
