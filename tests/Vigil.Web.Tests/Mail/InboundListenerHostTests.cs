using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Data;
using Vigil.Core.Mail;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Mail;

/// <summary>The server (what <c>vigil serve</c> runs) starts the SMTP listener only when configured, and its intake
/// writes a report and an acknowledgement with a reply address.</summary>
public class InboundListenerHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Serve_WithInboundEnabled_ListensOnLoopbackAndTurnsMailIntoAReport(DatabaseProvider provider)
    {
        await using var app = await ConfiguredApp.StartAsync(new Dictionary<string, string>
        {
            ["Vigil:Mail:Inbound:Enabled"] = "true",
            ["Vigil:Mail:Inbound:Port"] = "0",
            ["Vigil:Mail:Inbound:ReplyDomain"] = "reply.vigil.test",
        }, seed: [], provider: provider);
        var bound = (IPEndPoint)await app.Services.GetRequiredService<InboundMailListener>()
            .Bound.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await MailHost.AddProgramTakingMailAsync(app.Services);

        using (var client = new SmtpClient { Timeout = 60_000 })
        {
            await client.ConnectAsync(bound.Address.ToString(), bound.Port, SecureSocketOptions.None, Ct);
            await client.SendAsync(MailHost.ResearchersReport(), Ct);
            await client.DisconnectAsync(true, Ct);
        }

        Assert.Equal("127.0.0.1", bound.Address.ToString());
        await MailHost.AssertOneReportAcknowledgedAsync(app.Services);
    }

    [Fact]
    public async Task Serve_ByDefault_RunsNoListener()
    {
        await using var app = await ConfiguredApp.StartAsync(seed: []);
        var listener = app.Services.GetRequiredService<InboundMailListener>();

        // The host has started it; its run ends at once when not enabled, and only a run that listens binds a port.
        await listener.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.True(listener.ExecuteTask.IsCompletedSuccessfully);
        Assert.False(listener.Bound.IsCompleted);
    }
}
