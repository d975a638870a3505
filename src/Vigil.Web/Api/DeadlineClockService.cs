using Microsoft.Extensions.Options;
using Vigil.Core.Clock;

namespace Vigil.Web.Api;

/// <summary>Configuration section <c>Vigil:Clock</c>.</summary>
public sealed class ClockOptions
{
    public const string Section = "Vigil:Clock";

    /// <summary>Seconds between passes of the deadline clock; 0 turns it off on this instance (another may run it).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 86_400)]
    public int IntervalSeconds { get; set; } = 60;
}

/// <summary>
/// Runs <see cref="RunDeadlines"/> every <see cref="ClockOptions.IntervalSeconds"/> on the injected
/// <see cref="TimeProvider"/>. Safe on every instance at once: each action is claimed in the database.
/// </summary>
internal sealed class DeadlineClockService(IServiceScopeFactory scopes, IOptions<ClockOptions> options, TimeProvider time, ILogger<DeadlineClockService> logger)
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
                    logger.LogInformation("Deadline clock: {Taken} action(s) taken, {Failed} failed", pass.Taken.Count, pass.Failed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Deadline clock pass failed; the next pass retries");
            }
        }
    }
}
