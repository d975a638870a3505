using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Web.Tests.Mail;

/// <summary>
/// What the server tests of the mail paths share: a program taking mail at <see cref="Intake"/>, a researcher's
/// report by mail, and the check that it became a new report with an acknowledgement carrying a reply address.
/// </summary>
internal static class MailHost
{
    public const string Intake = "security@npm-eco.test";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task AddProgramTakingMailAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        await new SetIntakeAddresses(db, TimeProvider.System).ExecuteAsync("npm-eco", Actor.System, [Intake], Ct);
    }

    public static MimeMessage ResearchersReport()
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("researcher@example.test"));
        message.To.Add(MailboxAddress.Parse(Intake));
        message.Subject = "Path traversal";
        message.Body = new TextPart("plain") { Text = "The archive extractor writes outside its folder." };
        return message;
    }

    /// <summary>The one report is new, and its sender's acknowledgement waits in the outbox with a sealed
    /// Reply-To.</summary>
    public static async Task<long> AssertOneReportAcknowledgedAsync(IServiceProvider services)
    {
        using var check = services.CreateScope();
        var context = check.ServiceProvider.GetRequiredService<VigilDbContext>();
        var report = await context.Reports.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(ReportState.New, report.State);
        var ack = await context.OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.EventType == "report.acknowledged", Ct);
        Assert.StartsWith("sealed:", ack.ReplyTo, StringComparison.Ordinal);
        Assert.Equal(1, await context.ReplyAddresses.CountAsync(a => a.ReportId == report.Id, Ct));
        return report.Id;
    }
}
