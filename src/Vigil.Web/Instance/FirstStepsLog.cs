using Vigil.Core.Instance;

namespace Vigil.Web.Instance;

/// <summary>
/// The server's first log lines on an instance that is not set up yet: each missing step with the command to
/// copy (<see cref="FirstSteps"/>). Runs after the schema is migrated, before the server takes requests.
/// </summary>
internal sealed class FirstStepsLog(IServiceScopeFactory scopes, ILogger<FirstStepsLog> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        IReadOnlyList<FirstStep> missing;
        try
        {
            missing = await scope.ServiceProvider.GetRequiredService<FirstSteps>().MissingAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The steps are advice: a database not reachable or not migrated yet (Vigil:MigrateOnStart=false)
            // does not stop the start here; /healthz reports it.
            return;
        }
        if (missing.Count == 0)
        {
            return;
        }
        logger.LogInformation(
            "This instance is not set up yet; next steps ({Count}), also shown at / and /reports/new:", missing.Count);
        foreach (var step in missing)
        {
            logger.LogInformation("Next step: {What}: {Command}", step.What, step.Command);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
