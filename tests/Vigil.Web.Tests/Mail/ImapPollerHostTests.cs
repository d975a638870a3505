using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Vigil.Core.Data;
using Vigil.Core.Mail;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Mail;

/// <summary>The server (what <c>vigil serve</c> runs) polls an IMAP mailbox only when configured: a message put in
/// the real Dovecot mailbox becomes a report and an acknowledgement with a reply address, without the SMTP
/// listener.</summary>
public class ImapPollerHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Serve_WithImapEnabled_PollsTheMailboxAndTurnsMailIntoAReport(DatabaseProvider provider)
    {
        var mailbox = TestImap.Mailbox();
        var settings = mailbox.Settings().ToDictionary(s => s.Key, s => s.Value!);
        settings["Vigil:Mail:Imap:PollInterval"] = "00:00:01";
        settings["Vigil:Mail:Inbound:ReplyDomain"] = "reply.vigil.test";
        await using var app = await ConfiguredApp.StartAsync(settings, seed: [], provider: provider);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
            await new SetIntakeAddresses(db, TimeProvider.System).ExecuteAsync("npm-eco", Actor.System,
                ["security@npm-eco.test"], Ct);
        }
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("researcher@example.test"));
        message.To.Add(MailboxAddress.Parse("security@npm-eco.test"));
        message.Subject = "Path traversal";
        message.Body = new TextPart("plain") { Text = "The archive extractor writes outside its folder." };

        await mailbox.AppendAsync(message);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while ((await mailbox.MessagesAsync("Vigil/Processed")).Count == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200, Ct);
        }
        using var check = app.Services.CreateScope();
        var context = check.ServiceProvider.GetRequiredService<VigilDbContext>();
        var report = await context.Reports.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(ReportState.New, report.State);
        var ack = await context.OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.EventType == "report.acknowledged", Ct);
        Assert.StartsWith("sealed:", ack.ReplyTo, StringComparison.Ordinal);
        Assert.Empty(await mailbox.MessagesAsync());
        Assert.False(app.Services.GetRequiredService<InboundMailListener>().Bound.IsCompleted);
    }

    [Fact]
    public async Task Serve_ByDefault_PollsNoMailbox()
    {
        await using var app = await ConfiguredApp.StartAsync(seed: []);
        var poller = app.Services.GetRequiredService<ImapMailPoller>();

        await poller.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.True(poller.ExecuteTask.IsCompletedSuccessfully);
    }
}
