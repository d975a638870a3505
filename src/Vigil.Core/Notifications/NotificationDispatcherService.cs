using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Vigil.Core.Notifications;

/// <summary>
/// Runs <see cref="NotificationDispatcher.DispatchDueAsync"/> at start and then every poll interval on the injected
/// clock; each pass ends with a debug line saying when (on that clock) it started and how many messages it handled.
/// </summary>
public sealed partial class NotificationDispatcherService(
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
            var started = clock.GetUtcNow();
            try
            {
                LogPass(started, await dispatcher.DispatchDueAsync(stoppingToken));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A database hiccup must not stop the dispatcher; the next tick tries again.
                logger.LogError(e, "Notification dispatch pass failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Notification dispatch pass of {Started:O} handled {Count} messages")]
    private partial void LogPass(DateTimeOffset started, int count);
}
