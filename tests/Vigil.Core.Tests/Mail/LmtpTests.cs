using System.ComponentModel.DataAnnotations;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Vigil.Core.Data;
using Vigil.Core.Mail;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Mail;

/// <summary>
/// The LMTP listener (RFC 2033), driven by a raw client on a real socket, on both databases: what a message
/// becomes is ReceiveMail's, as over SMTP; what LMTP adds is one reply per accepted recipient.
/// </summary>
public class LmtpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Researcher = MailWorld.Researcher, Intake = MailWorld.Intake;

    private static Task<MailWorld> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? more = null) =>
        MailWorld.StartAsync(provider,
            new Dictionary<string, string?> { ["Vigil:Mail:Inbound:Protocol"] = "lmtp" }
                .Concat(more ?? []).ToDictionary());

    private static Task<List<long>> ReportIdsAsync(MailWorld world) =>
        world.Disclosure.Run(db => db.Reports.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(Ct));

    private static string ReplyTo(IEnumerable<MimeMessage> sent, string recipient) =>
        Assert.Single(sent, m => m.To.Mailboxes.Single().Address == recipient).ReplyTo.Mailboxes.Single().Address;

    private static string Code(string reply) => reply[..3];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task IntakeThenReply_BecomeAReportAndItsParticipantsComment(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        // a line starting with a dot travels stuffed ("..npmrc") and is read back unstuffed
        var text = "Steps:\r\n.npmrc holds the token\r\n..double\r\nend";

        await using (var lmtp = await LmtpConversation.OpenAsync(world.EndPoint))
        {
            Assert.StartsWith("220 reply.vigil.test", lmtp.Greeting, StringComparison.Ordinal);
            var hello = await lmtp.CommandAsync("LHLO mta.example.test");
            Assert.Equal(["250-reply.vigil.test", "250-PIPELINING", "250-ENHANCEDSTATUSCODES", "250-8BITMIME",
                "250 SIZE 200000"], hello.Split('\n'));
            var (rcpt, data) = await lmtp.SendAsync(
                MailWorld.Message(Researcher, Intake, "Token leak in publish", text), Researcher, Intake);
            Assert.Equal(["250 2.1.5 Ok"], rcpt);
            Assert.Equal(["250 2.0.0 Ok"], data);
            Assert.Equal("221 2.0.0 Bye", await lmtp.CommandAsync("QUIT"));
        }

        var id = Assert.Single(await ReportIdsAsync(world));
        var view = await world.Disclosure.ViewAsync(id, Actor.System);
        Assert.Equal("Token leak in publish", view.Title);
        Assert.Equal(["Steps:", ".npmrc holds the token", "..double", "end"],
            view.Description.ReplaceLineEndings("\n").Split('\n'));
        var reply = ReplyTo(await world.DispatchAsync(), Researcher);

        await using (var lmtp = await LmtpConversation.OpenAsync(world.EndPoint))
        {
            var (_, data) = await lmtp.SendAsync(
                MailWorld.Message(Researcher, reply, "Re: Received", "Version 2.0.0 too.\n> quoted"), Researcher,
                reply);
            Assert.Equal(["250 2.0.0 Ok"], data);
        }
        var comments = (await world.Disclosure.ViewAsync(id, Actor.System)).Timeline
            .Where(e => e.Kind == "Comment").Select(e => e.Text).ToList();
        Assert.Equal(["Version 2.0.0 too."], comments);
        Assert.Contains(world.LogLines, l => l.Contains("listening (lmtp)", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SeveralRecipients_RefusedAtRcptOrAfterTheMessage_OneReplyPerAcceptedRecipientInOrder(
        DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        await using (var first = await LmtpConversation.OpenAsync(world.EndPoint))
        {
            await first.SendAsync(MailWorld.Message(Researcher, Intake, "Bug", "Details"), Researcher, Intake);
        }
        var triagersAddress = ReplyTo(await world.DispatchAsync(), MailWorld.TriagerEmail);
        var message = MailWorld.Message(Researcher, Intake, "Second bug", "Other details");
        message.MessageId = "second@mail.example.test";

        await using var lmtp = await LmtpConversation.OpenAsync(world.EndPoint);
        var (rcpt, data) = await lmtp.SendAsync(message, Researcher,
            Intake, "someone-else@npm-eco.test", triagersAddress, Intake);

        // Unknown: refused at RCPT. The triager's live reply address passes RCPT, but the researcher is not the
        // participant it was handed to: refused after the message, for that recipient only. The intake address,
        // given twice, is answered twice (RFC 2033 § 4.2) and taken once.
        Assert.Equal(["250", "550", "250", "250"], rcpt.Select(Code));
        Assert.Equal(["250 2.0.0 Ok", "550 5.1.1 Message refused", "250 2.0.0 Ok"], data);
        Assert.Equal(2, (await ReportIdsAsync(world)).Count);
        Assert.Empty(await world.Disclosure.Run(db =>
            db.ReportEvents.Where(e => e.Kind == ReportEventKind.Comment).ToListAsync(Ct)));

        // The MTA retries what it was not told was taken; what was taken is accepted and dropped.
        Assert.Equal(["250", "250"], (await lmtp.SendAsync(message, Researcher, Intake, Intake)).Data.Select(Code));
        Assert.Equal(2, (await ReportIdsAsync(world)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Oversized_RefusedAtMailBySizeOrPerRecipientAfterReading_AndTheSessionGoesOn(
        DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        await using var lmtp = await LmtpConversation.OpenAsync(world.EndPoint);
        await lmtp.CommandAsync("LHLO mta.example.test");

        var declared = await lmtp.CommandAsync($"MAIL FROM:<{Researcher}> SIZE=200001");
        Assert.StartsWith("250", await lmtp.CommandAsync($"MAIL FROM:<{Researcher}> SIZE=1000 BODY=8BITMIME"),
            StringComparison.Ordinal);
        await lmtp.CommandAsync($"RCPT TO:<{Intake}>");
        await lmtp.CommandAsync($"RCPT TO:<{Intake}>");
        var big = MailWorld.Message(Researcher, Intake, "Big", "See the log", ("log.txt", new byte[300_000]));
        var read = await lmtp.DataAsync(LmtpConversation.Wire(big), replies: 2);

        Assert.Equal("552 5.3.4 Message too big", declared);
        Assert.Equal(["552 5.3.4 Message too big", "552 5.3.4 Message too big"], read);
        Assert.Equal("250 2.0.0 Ok", await lmtp.CommandAsync("NOOP"));
        var (_, small) = await lmtp.SendAsync(MailWorld.Message(Researcher, Intake, "Small", "Details"), Researcher,
            Intake);
        Assert.Equal(["250 2.0.0 Ok"], small);
        Assert.Single(await ReportIdsAsync(world));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CommandsOutOfSequenceOrMalformed_AreAnswered5xx_AndNothingIsWritten(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        (string Command, string Reply)[] script =
        [
            ($"MAIL FROM:<{Researcher}>", "503"),
            ("EHLO mta.example.test", "500"),
            ("HELO mta.example.test", "500"),
            ("LHLO", "501"),
            ("LHLO mta.example.test", "250"),
            ($"RCPT TO:<{Intake}>", "503"),
            ("DATA", "503"),
            ($"MAIL FROM:{Researcher}", "501"),
            ($"MAIL FROM:<{Researcher}> AUTH=<>", "555"),
            ($"MAIL FROM:<{Researcher}>", "250"),
            ($"MAIL FROM:<{Researcher}>", "503"),
            ("DATA", "503"),
            ("RCPT TO:<not an address>", "501"),
            ($"RCPT TO:<{Intake}> NOTIFY=NEVER", "555"),
            ($"RCPT TO:<{Intake}>", "250"),
            ("DATA now", "501"),
            ("RSET", "250"),
            ("DATA", "503"),
            ("STARTTLS", "500"),
            ("NOOP", "250"),
            ("QUIT", "221"),
        ];

        await using (var lmtp = await LmtpConversation.OpenAsync(world.EndPoint))
        {
            var replies = new List<string>();
            foreach (var (command, _) in script)
            {
                replies.Add(Code(await lmtp.CommandAsync(command)));
            }
            Assert.Equal(script.Select(s => s.Reply), replies);
            Assert.Null(await lmtp.ReadReplyAsync());
        }
        await using (var lmtp = await LmtpConversation.OpenAsync(world.EndPoint))
        {
            var tooLong = await lmtp.CommandAsync("NOOP " + new string('x', 2000));
            Assert.StartsWith("500 5.5.2 Line too long", tooLong, StringComparison.Ordinal);
            Assert.Null(await lmtp.ReadReplyAsync());
        }
        await using (var lmtp = await LmtpConversation.OpenAsync(world.EndPoint))
        {
            var answers = new List<string>();
            for (var i = 0; i < LmtpSession.MaxErrors + 1; i++)
            {
                answers.Add(Code(await lmtp.CommandAsync("WHAT")));
            }
            Assert.Equal([.. Enumerable.Repeat("500", LmtpSession.MaxErrors), "421"], answers);
            Assert.Null(await lmtp.ReadReplyAsync());
        }
        Assert.Empty(await ReportIdsAsync(world));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnIdleSession_IsClosedWith421(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        await using var lmtp = await LmtpConversation.OpenAsync(world.EndPoint);
        await lmtp.CommandAsync("LHLO mta.example.test");

        var read = lmtp.ReadReplyAsync();
        for (var i = 0; i < 50 && !read.IsCompleted; i++)
        {
            // the server's read may start a moment after its reply: move the clock until its timeout fires
            world.Disclosure.Clock.Advance(LmtpServer.IdleTimeout + TimeSpan.FromSeconds(1));
            await Task.WhenAny(read, Task.Delay(100, Ct));
        }
        var reply = await read.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.StartsWith("421 4.4.2", reply, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OnAUnixSocket_TakesMail_AndRemovesTheSocketWhenStopped(DatabaseProvider provider)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigil-lmtp-{Guid.NewGuid():N}.sock");
        await using (var world = await StartAsync(provider, new() { ["Vigil:Mail:Inbound:UnixSocket"] = path }))
        {
            Assert.IsType<UnixDomainSocketEndPoint>(world.EndPoint);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead
                    | UnixFileMode.GroupWrite, File.GetUnixFileMode(path));
            }
            await using var lmtp = await LmtpConversation.OpenAsync(world.EndPoint);
            var (_, data) = await lmtp.SendAsync(MailWorld.Message(Researcher, Intake, "Bug", "Details"), Researcher,
                Intake);
            Assert.Equal(["250 2.0.0 Ok"], data);
            Assert.Single(await ReportIdsAsync(world));
        }
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("pop3", null, "Vigil:Mail:Inbound:Protocol")]
    [InlineData("smtp", "/run/vigil/lmtp.sock", "Vigil:Mail:Inbound:UnixSocket")]
    [InlineData("lmtp", "run/vigil/lmtp.sock", "Vigil:Mail:Inbound:UnixSocket")]
    public void Options_WrongProtocolOrSocket_AreRefusedNamingTheSetting(string protocol, string? socket,
        string setting)
    {
        var options = new InboundMailOptions { Protocol = protocol, UnixSocket = socket };

        var errors = options.Validate(new ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.StartsWith(setting + " ", StringComparison.Ordinal));
        Assert.Empty(new InboundMailOptions { Protocol = "LMTP", UnixSocket = "/run/vigil/lmtp.sock" }
            .Validate(new ValidationContext(options)));
    }
}
