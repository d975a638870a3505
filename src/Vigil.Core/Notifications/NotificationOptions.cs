using System.ComponentModel.DataAnnotations;

namespace Vigil.Core.Notifications;

/// <summary>The <c>Vigil:Notifications</c> section: how the outbox is delivered.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Vigil:Notifications";

    /// <summary>False stops the background dispatcher (messages stay queued).</summary>
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles after each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a claimed message is reserved for one instance; longer than one send may take.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>How long delivered and dead messages (subject, recipient, error) stay in the outbox for
    /// inspection.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Lets webhooks reach loopback and private addresses. Off by default (SSRF); tests turn it on.</summary>
    public bool AllowPrivateWebhookTargets { get; set; }

    /// <summary>The public base URL used in links, e.g. <c>https://vigil.example.org</c>.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    public TimeSpan RetryDelay(int attempts)
    {
        var factor = Math.Pow(2, Math.Max(0, attempts - 1));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstRetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay;
    }
}
