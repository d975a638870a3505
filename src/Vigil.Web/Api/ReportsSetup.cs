using Microsoft.Extensions.Options;
using Vigil.Core.Attachments;
using Vigil.Core.Clock;
using Vigil.Core.Cve;
using Vigil.Core.Data;
using Vigil.Core.Extensions;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Web.Api;

/// <summary>The disclosure program's services: the report vault (master key from Vigil:Reports) and the use cases.</summary>
public static class ReportsSetup
{
    public static IServiceCollection AddVigilReports(this IServiceCollection services)
    {
        services.AddOptions<ReportVaultOptions>().BindConfiguration(ReportVaultOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReportVaultOptions>>().Value.CreateVault(sp.GetRequiredService<DatabaseTarget>()));
        services.AddHostedService<ReportVaultCheck>();
        services.AddScoped<CreateProgram>();
        services.AddScoped<UpdateProgramPolicy>();
        services.AddScoped<AddProgramMember>();
        services.AddScoped<AddPackageMaintainer>();
        services.AddScoped(sp => new ReportNotifier(
            sp.GetRequiredService<VigilDbContext>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<Core.Notifications.NotificationOptions>>().Value.PublicBaseUrl
                ?? sp.GetRequiredService<IOptions<ServerOptions>>().Value.PublicUrl ?? "http://localhost:8080",
            sp.GetRequiredService<ReportVault>()));
        services.AddScoped<SubmitReport>();
        services.AddScoped<GetReport>();
        services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<AttachToReport>();
        services.AddScoped<GetAttachment>();
        services.AddScoped<ListTriageQueue>();
        services.AddScoped<CommentOnReport>();
        services.AddScoped<TriageReport>();
        services.AddScoped<InviteMaintainer>();
        services.AddScoped<AcceptInvitation>();
        services.AddScoped<ListParticipants>();
        services.AddScoped<RemoveParticipant>();
        services.AddScoped<RevokeInvitation>();
        services.AddScoped<ReportCredits>();
        services.AddScoped<ReleaseFromReview>();
        services.AddScoped<ListMyReports>();
        services.AddScoped<AdvanceReport>();
        services.AddScoped<SetDisclosureDate>();
        services.AddScoped<PublishReport>();
        services.AddScoped<Core.Publication.CorrectAdvisory>();
        services.AddScoped<Core.Publication.ListAdvisoryRevisions>();
        services.AddScoped<WithdrawReport>();
        services.AddScoped<RunDeadlines>();
        services.AddScoped<RequestExtension>();
        services.AddScoped<AssignCve>();
        services.AddScoped<ExportCveRecord>();
        services.AddOptions<CveOptions>().BindConfiguration(CveOptions.Section);
        services.AddScoped<CastExtensionVote>();
        services.AddOptions<ClockOptions>().BindConfiguration(ClockOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<DeadlineClockService>();
        return services;
    }

    /// <summary>The log category of the start-up checks.</summary>
    public sealed class ReportsSetupLog;

    /// <summary>
    /// Resolves the vault at start-up, so a missing or malformed master key stops the server with its message
    /// instead of failing the first report, and checks that the key opens the reports already stored
    /// (<see cref="MasterKeyCheck"/>; runs after <see cref="DatabaseMigrator"/>, so the schema is there), then seals what an older version stored in clear (<see cref="SealClearValues"/>).
    /// </summary>
    private sealed class ReportVaultCheck(IServiceProvider services, DatabaseTarget target, IOptions<ServerOptions> server, ILogger<ReportsSetupLog> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var vault = services.GetRequiredService<ReportVault>();
            if (!server.Value.MigrateOnStart && !await VigilDatabase.IsMigratedAsync(target, cancellationToken))
            {
                return; // migrations run elsewhere and the schema is not there (or the database not reachable) yet: nothing to check
            }
            await using var db = VigilDatabase.Open(target);
            await MasterKeyCheck.VerifyAsync(db, vault, cancellationToken);
            try
            {
                if (await new SealClearValues(db).ExecuteAsync(vault, cancellationToken) is var sealedRows and > 0)
                {
                    logger.LogInformation("Sealed {Rows} outbox messages and bounty reasons that an older version stored in clear.", sealedRows);
                }
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                // A dispatcher took a row meanwhile: the values stay as they are until the next start.
                logger.LogWarning("Sealing values stored in clear by an older version met a concurrent change; it runs again at the next start.");
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
