using Microsoft.Extensions.Options;
using Vigil.Core.Sync;

namespace Vigil.Web.Sync;

/// <summary>
/// Runs the configured sources (<see cref="SyncScheduleOptions"/>) on the injected clock: a pass at start,
/// then one per interval. Safe on every instance at once: each run is claimed in the database
/// (<see cref="RunScheduledSync"/>). A failed run is recorded in its sync state and logged; the next pass
/// starts again from the last good state.
/// </summary>
internal sealed class SyncService(
    IServiceScopeFactory scopes, IOptions<SyncScheduleOptions> options, TimeProvider time,
    ILogger<SyncService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value;
        if (schedule.IntervalMinutes == 0 || schedule.Sources.Count == 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(schedule.IntervalMinutes), time);
        do
        {
            await PassAsync(schedule, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PassAsync(SyncScheduleOptions schedule, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var runs = scope.ServiceProvider.GetRequiredService<RunScheduledSync>();
            foreach (var run in await runs.ExecuteAsync(schedule, stoppingToken))
            {
                if (run.Succeeded)
                {
                    logger.LogInformation(
                        "Sync {Source} {Ecosystem} ({Kind}): {Added} added, {Updated} updated, {Withdrawn} withdrawn, "
                        + "{Skipped} skipped",
                        run.Source, run.Ecosystem, run.Kind, run.Outcome.Added, run.Outcome.Updated,
                        run.Outcome.Removed, run.Outcome.Kept + run.Problems.Count);
                }
                else
                {
                    logger.LogError("Sync {Source} {Ecosystem} failed; the next pass retries: {Error}",
                        run.Source, run.Ecosystem, run.Error);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Sync pass failed; the next pass retries");
        }
    }
}
