using Microsoft.Extensions.Options;
using Vigil.Core.Data;

namespace Vigil.Web;

/// <summary>
/// Brings the schema up to date before the server takes requests; a database that cannot be migrated stops the
/// start.
/// </summary>
internal sealed class DatabaseMigrator(
    DatabaseTarget target, IOptions<ServerOptions> options, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStart)
        {
            return;
        }
        logger.LogInformation("Database: {Database}", target.Describe()); // Describe() never includes a password
        await using var context = await VigilDatabase.OpenAndMigrateAsync(target, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
