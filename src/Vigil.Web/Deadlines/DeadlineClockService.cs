using Microsoft.Extensions.Options;
using Vigil.Core.Clock;

namespace Vigil.Web.Deadlines;

/// <summary>
/// Runs <see cref="RunDeadlines"/> every <see cref="ClockOptions.IntervalSeconds"/> on the injected
/// <see cref="TimeProvider"/>. Safe on every instance at once: each action is claimed in the database.
/// </summary>
internal sealed class DeadlineClockService(IServiceScopeFactory scopes, IOptions<ClockOptions> options,
    TimeProvider time, ILogger<DeadlineClockService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.IntervalSeconds == 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var pass = await scope.ServiceProvider.GetRequiredService<RunDeadlines>().ExecuteAsync(stoppingToken);
                if (pass.Taken.Count > 0 || pass.Failed > 0)
                {
                    logger.LogInformation("Deadline clock: {Taken} action(s) taken, {Failed} failed", pass.Taken.Count,
                        pass.Failed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Deadline clock pass failed; the next pass retries");
            }
        }
    }
}
