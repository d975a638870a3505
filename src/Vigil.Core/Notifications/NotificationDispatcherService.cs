using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Vigil.Core.Notifications;

/// <summary>Runs <see cref="NotificationDispatcher.DispatchDueAsync"/> every poll interval on the injected
/// clock.</summary>
public sealed class NotificationDispatcherService(
    NotificationDispatcher dispatcher, IOptions<NotificationOptions> options, TimeProvider clock,
    ILogger<NotificationDispatcherService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A database hiccup must not stop the dispatcher; the next tick tries again.
                logger.LogError(e, "Notification dispatch pass failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
