using Microsoft.Extensions.Options;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Web.Reports;

/// <summary>
/// What the server adds to the disclosure program's use cases: the master key check and the notifier.
/// </summary>
public static class ReportsSetup
{
    public static IServiceCollection AddVigilReports(this IServiceCollection services)
    {
        services.AddHostedService<ReportVaultCheck>();
        // The server tells people: e-mails and webhooks through the outbox, with links to the configured public
        // address.
        services.AddScoped(sp => new ReportNotifier(
            sp.GetRequiredService<VigilDbContext>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<Core.Notifications.NotificationOptions>>().Value.PublicBaseUrl
                ?? sp.GetRequiredService<IOptions<ServerOptions>>().Value.PublicUrl ?? "http://localhost:8080",
            sp.GetRequiredService<ReportVault>(), sp.GetRequiredService<Core.Mail.ReplyAddresses>()));
        services.AddScoped<IReportNotifier>(sp => sp.GetRequiredService<ReportNotifier>());
        services.AddSingleton<InvitationLinks>();
        return services;
    }

    /// <summary>The log category of the start-up checks.</summary>
    public sealed class ReportsSetupLog;

    /// <summary>
    /// Resolves the vault at start-up, so a missing or malformed master key stops the server with its message
    /// instead of failing the first report, and checks that the key opens the reports already stored
    /// (<see cref="MasterKeyCheck"/>; runs after <see cref="DatabaseMigrator"/>, so the schema is there), then seals
    /// what an older version stored in clear (<see cref="SealClearValues"/>).
    /// </summary>
    private sealed class ReportVaultCheck(IServiceProvider services, DatabaseTarget target,
        IOptions<ServerOptions> server, ILogger<ReportsSetupLog> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var vault = services.GetRequiredService<ReportVault>();
            if (!server.Value.MigrateOnStart && !await VigilDatabase.IsMigratedAsync(target, cancellationToken))
            {
                // migrations run elsewhere and the schema is not there (or the database not reachable) yet: nothing
                // to check
                return;
            }
            await using var scope = services.CreateAsyncScope();
            await MasterKeyCheck.VerifyAsync(
                scope.ServiceProvider.GetRequiredService<VigilDbContext>(), vault, cancellationToken);
            try
            {
                var seal = scope.ServiceProvider.GetRequiredService<SealClearValues>();
                if (await seal.ExecuteAsync(vault, cancellationToken) is var sealedRows and > 0)
                {
                    logger.LogInformation(
                        "Sealed {Rows} outbox messages and bounty reasons that an older version stored in clear.",
                        sealedRows);
                }
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                // A dispatcher took a row meanwhile: the values stay as they are until the next start.
                logger.LogWarning("Sealing values stored in clear by an older version met a concurrent change; "
                    + "it runs again at the next start.");
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
