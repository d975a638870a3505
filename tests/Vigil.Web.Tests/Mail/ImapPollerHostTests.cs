using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Data;
using Vigil.Core.Mail;
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
        await MailHost.AddProgramTakingMailAsync(app.Services);

        await mailbox.AppendAsync(MailHost.ResearchersReport());

        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while ((await mailbox.MessagesAsync("Vigil/Processed")).Count == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200, Ct);
        }
        await MailHost.AssertOneReportAcknowledgedAsync(app.Services);
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
