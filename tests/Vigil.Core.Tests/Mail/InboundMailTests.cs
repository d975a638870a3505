using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Vigil.Core.Data;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Mail;

/// <summary>Real mail from MailKit's SMTP client to the real listener on loopback, on both databases.</summary>
public class InboundMailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Secret = Disclosure.Marker;
    private const string Researcher = MailWorld.Researcher, Intake = MailWorld.Intake;
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    private static async Task<List<long>> ReportIdsAsync(MailWorld world) =>
        await world.Disclosure.Run(db => db.Reports.AsNoTracking().Select(r => r.Id).ToListAsync(Ct));

    private static string ReplyTo(IEnumerable<MimeMessage> sent, string recipient) =>
        Assert.Single(sent, m => m.To.Mailboxes.Single().Address == recipient).ReplyTo.Mailboxes.Single().Address;

    private static void AssertNothingPrivateLeaked(MailWorld world, IEnumerable<MimeMessage> sent)
    {
        Assert.DoesNotContain(world.LogLines,
            l => l.Contains(Secret, StringComparison.Ordinal) || l.Contains(Researcher, StringComparison.Ordinal));
        foreach (var mail in sent)
        {
            Assert.DoesNotContain(mail.Headers, h => h.Value.Contains(Secret, StringComparison.Ordinal));
            Assert.DoesNotContain(Secret, mail.TextBody ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, mail.HtmlBody ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(FollowUpTokens.Prefix, mail.TextBody ?? "", StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Intake_NewMessage_BecomesNewReportWithAttachmentAndIsAcknowledgedWithReplyAddress(
        DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider);

        await world.SendAsync(MailWorld.Message(Researcher, Intake, $"RCE in deep-merge {Secret}",
            $"Calling merge() with a crafted object runs code. {Secret}", ("screenshot.png", Png)));

        var id = Assert.Single(await ReportIdsAsync(world));
        var view = await world.Disclosure.ViewAsync(id, Actor.System);
        Assert.Equal(("new", $"RCE in deep-merge {Secret}"), (view.State, view.Title));
        Assert.Equal($"Calling merge() with a crafted object runs code. {Secret}", view.Description);
        Assert.Equal(Researcher, view.ReporterEmail);
        var file = Assert.Single(view.Attachments);
        Assert.Equal(("screenshot.png", "image/png", 12L), (file.FileName, file.MediaType, file.Size));
        var sent = await world.DispatchAsync();
        var ack = Assert.Single(sent, m => m.To.Mailboxes.Single().Address == Researcher);
        Assert.Equal($"Received: report #{id} in npm ecosystem", ack.Subject);
        Assert.Contains($"https://vigil.test/reports/{id}", ack.TextBody, StringComparison.Ordinal);
        Assert.Equal("auto-generated", ack.Headers["Auto-Submitted"]);
        var replyTo = Assert.Single(ack.ReplyTo.Mailboxes).Address;
        Assert.Matches($"^reply\\+[0-9a-f]{{48}}@{MailWorld.ReplyDomain.Replace(".", "\\.")}$", replyTo);
        // The team hears of the report, each with a reply address of their own.
        var team = Assert.Single(sent, m => m.To.Mailboxes.Single().Address == MailWorld.TriagerEmail);
        Assert.NotEqual(replyTo, Assert.Single(team.ReplyTo.Mailboxes).Address);
        AssertNothingPrivateLeaked(world, sent);
        // The reply address is stored as hashes only.
        var token = replyTo[(replyTo.IndexOf('+') + 1)..replyTo.IndexOf('@')];
        var stored = await world.Disclosure.Run(db => db.ReplyAddresses.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(2, stored.Count);
        Assert.DoesNotContain(stored,
            a => Convert.ToHexStringLower(a.TokenHash).Contains(token, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reply_FromTheParticipant_LandsAsTheirCommentWithoutQuoteOrSignature(DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider);
        await world.SendAsync(MailWorld.Message(Researcher, Intake, "XSS in left-pad", $"Details {Secret}"));
        var sent = await world.DispatchAsync();
        var reporterReply = ReplyTo(sent, Researcher);
        var triagerReply = ReplyTo(sent, MailWorld.TriagerEmail);

        await world.SendAsync(MailWorld.Message(Researcher, reporterReply, "Re: Received",
            $"It also affects 2.0.0. {Secret}\n\nOn Mon, 7 Dec 2026 at 09:00, Vigil <security@vigil.test> wrote:\n"
            + "> Your e-mail was received\n> as report #1\n-- \nAda, Example Labs"));
        await world.SendAsync(
            MailWorld.Message(MailWorld.TriagerEmail, triagerReply, "Re: New report",
                "Thanks, looking at it.\n> quoted\n"));

        var id = Assert.Single(await ReportIdsAsync(world));
        var comments = (await world.Disclosure.ViewAsync(id, Actor.System)).Timeline.Where(e => e.Kind == "Comment")
            .ToList();
        Assert.Equal([$"It also affects 2.0.0. {Secret}", "Thanks, looking at it."], comments.Select(c => c.Text));
        var actors = await world.Disclosure.Run(
            db => db.ReportEvents.AsNoTracking().Where(e => e.Kind == ReportEventKind.Comment)
            .OrderBy(e => e.Id).Select(e => new { e.ActorKind, e.ActorUserId }).ToListAsync(Ct));
        Assert.Equal(ActorKind.FollowUpToken, actors[0].ActorKind); // the anonymous reporter of this report
        Assert.Equal((ActorKind.User, world.Disclosure.Triager), (actors[1].ActorKind, actors[1].ActorUserId));
        AssertNothingPrivateLeaked(world, sent);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reply_FromAStrangerOrToAnUnknownOrSpentAddress_IsRefusedWithNothingWritten(
        DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider);
        await world.SendAsync(MailWorld.Message(Researcher, Intake, "Bug", "Details"));
        var sent = await world.DispatchAsync();
        var reply = ReplyTo(sent, Researcher);
        var events = await world.Disclosure.Run(db => db.ReportEvents.CountAsync(Ct));

        var stranger = await Assert.ThrowsAsync<SmtpCommandException>(() =>
            world.SendAsync(MailWorld.Message("mallory@example.test", reply, "Re: Bug", "Let me in")));
        var unknown = await Assert.ThrowsAsync<SmtpCommandException>(() =>
            world.SendAsync(
                MailWorld.Message(Researcher, $"reply+{new string('a', 48)}@{MailWorld.ReplyDomain}", "Re", "Hi")));
        var other = await Assert.ThrowsAsync<SmtpCommandException>(() =>
            world.SendAsync(MailWorld.Message(Researcher, "someone-else@npm-eco.test", "Bug", "Hi")));
        world.Disclosure.Clock.Advance(TimeSpan.FromDays(181));
        var spent = await Assert.ThrowsAsync<SmtpCommandException>(() =>
            world.SendAsync(MailWorld.Message(Researcher, reply, "Re: Bug", "Late")));

        Assert.All(new[] { stranger, unknown, other, spent }, e => Assert.Equal(550, (int)e.StatusCode));
        Assert.All(new[] { stranger, unknown, other, spent },
            e => Assert.DoesNotContain("report", e.Message, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(events, await world.Disclosure.Run(db => db.ReportEvents.CountAsync(Ct)));
        Assert.Single(await ReportIdsAsync(world));
    }

    public static TheoryData<DatabaseProvider, string> AutomaticMail()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var kind in new[] { "auto-replied", "precedence-bulk", "precedence-list", "empty-sender", "dsn",
                "own-mail" })
            {
                data.Add(provider, kind);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AutomaticMail))]
    public async Task Intake_AutomaticMailOrBounce_IsAcceptedAndDroppedWithoutAReport(DatabaseProvider provider,
        string kind)
    {
        await using var world = await MailWorld.StartAsync(provider);
        var message = MailWorld.Message(Researcher, Intake, "Out of office", "I am away until Monday.");
        string? envelope = null;
        switch (kind)
        {
            case "auto-replied": message.Headers.Add("Auto-Submitted", "auto-replied"); break;
            case "precedence-bulk": message.Headers.Add("Precedence", "bulk"); break;
            case "precedence-list": message.Headers.Add("Precedence", "list"); break;
            case "own-mail": message.Headers.Add("X-Vigil-Event", "report.received"); break;
            case "empty-sender": envelope = ""; break;
            case "dsn":
                var report = new MultipartReport("delivery-status");
                report.Add(new TextPart("plain") { Text = "Delivery failed." });
                var status = new MemoryStream("Reporting-MTA: dns; mx.example.test\r\n"u8.ToArray());
                report.Add(new MimePart("message", "delivery-status") { Content = new MimeContent(status) });
                message.Body = report;
                break;
        }

        if (envelope is null)
        {
            await world.SendAsync(message);
        }
        else
        {
            await world.SendNullSenderAsync(message);
        }

        Assert.Empty(await ReportIdsAsync(world));
        Assert.Contains(world.LogLines, l => l.Contains("Dropped", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Intake_OversizedOrRefusedAttachment_IsRefusedWithNothingWritten(DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider);

        var big = await Assert.ThrowsAsync<SmtpCommandException>(() => world.SendAsync(
            MailWorld.Message(Researcher, Intake, "Big", "See the log", ("log.txt", new byte[300_000]))));
        var exe = await Assert.ThrowsAsync<SmtpCommandException>(() => world.SendAsync(
            MailWorld.Message(Researcher, Intake, "Tool", "Run this", ("tool.exe", [0x4D, 0x5A, 0x90, 0x00]))));

        Assert.Equal(552, (int)big.StatusCode);
        Assert.Equal(554, (int)exe.StatusCode);
        Assert.Contains("attachments[0]", exe.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tool.exe", exe.Message, StringComparison.Ordinal);
        Assert.Empty(await ReportIdsAsync(world));
        Assert.Empty(await world.Disclosure.Run(db => db.OutboxMessages.ToListAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Intake_ProgramRequiresProofOfConcept_MessageWithoutOneIsRefusedNamingOnlyTheField(
        DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider);
        await world.Disclosure.Run(db => new Vigil.Core.Programs.UpdateProgramPolicy(db).ExecuteAsync(
            Disclosure.Slug, new Vigil.Core.Programs.ProgramSettings(RequireProofOfConcept: true), Ct));

        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => world.SendAsync(MailWorld.Message(
            Researcher, Intake, $"RCE in deep-merge {Secret}", $"It is exploitable, believe me. {Secret}")));
        var nothing = await ReportIdsAsync(world);
        var outbox = await world.Disclosure.Run(db => db.OutboxMessages.CountAsync(Ct));
        await world.SendAsync(MailWorld.Message(Researcher, Intake, "RCE in deep-merge",
            $"Merging runs code. {Secret}\n\n```js\nrequire('deep-merge')({{}}, JSON.parse(evil));\n```\n"));

        Assert.Equal(554, (int)refused.StatusCode);
        Assert.Contains("proofOfConcept", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, refused.Message, StringComparison.Ordinal);
        Assert.Empty(nothing);
        Assert.Equal(0, outbox);
        Assert.Single(await ReportIdsAsync(world));
        AssertNothingPrivateLeaked(world, await world.DispatchAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Intake_HtmlOnlyMessage_DescriptionIsItsTextWithoutMarkup(DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider);
        var message = MailWorld.Message(Researcher, Intake, "", "");
        message.Body = new TextPart("html")
        {
            Text = "<html><head><style>p{color:red}</style></head><body><p>Step &amp; <b>one</b></p>"
                + "<script>alert(1)</script><p>two</p></body></html>",
        };

        await world.SendAsync(message);

        var view = await world.Disclosure.ViewAsync(Assert.Single(await ReportIdsAsync(world)), Actor.System);
        Assert.Equal(ReceiveMailTitle, view.Title);
        Assert.Equal("Step & one\n\ntwo", view.Description);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Intake_ProgramWithAMinimumSignal_HoldsTheMailReportForReviewAsTheWebDoesForAnonymousReports(
        DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider);
        await world.Disclosure.Run(async db =>
        {
            var program = await db.Programs.SingleAsync(Ct);
            program.MinimumSignal = 1;
            await db.SaveChangesAsync(Ct);
        });

        await world.SendAsync(MailWorld.Message(Researcher, Intake, "Bug", "Details"));

        var report = await world.Disclosure.Run(db => db.Reports.AsNoTracking().SingleAsync(Ct));
        Assert.True(report.HeldForReview);
        Assert.Null(report.ReporterUserId);
    }

    private const string ReceiveMailTitle = Vigil.Core.Mail.ReceiveMail.NoSubject;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Intake_ManyMessagesFromOneSender_AreDeferredUntilTheNextHour(DatabaseProvider provider)
    {
        await using var world = await MailWorld.StartAsync(provider,
            new() { ["Vigil:Mail:Inbound:PerSenderPerHour"] = "2" });

        await world.SendAsync(MailWorld.Message(Researcher, Intake, "One", "1"));
        await world.SendAsync(MailWorld.Message(Researcher, Intake, "Two", "2"));
        var third = await Assert.ThrowsAsync<SmtpCommandException>(() =>
            world.SendAsync(MailWorld.Message(Researcher, Intake, "Three", "3")));
        Assert.Equal(451, (int)third.StatusCode);
        Assert.Equal(2, (await ReportIdsAsync(world)).Count);
        world.Disclosure.Clock.Advance(TimeSpan.FromHours(1));
        await world.SendAsync(MailWorld.Message(Researcher, Intake, "Three", "3"));

        Assert.Equal(3, (await ReportIdsAsync(world)).Count);
    }
}
