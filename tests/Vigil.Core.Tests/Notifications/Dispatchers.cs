using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vigil.Core.Data;
using Vigil.Core.Notifications;

namespace Vigil.Core.Tests.Notifications;

/// <summary>Builds real dispatchers for tests: real SMTP client, real HTTP client, the given clock.</summary>
internal static class Dispatchers
{
    public static NotificationOptions Options(int maxAttempts = 3) => new()
    {
        MaxAttempts = maxAttempts,
        FirstRetryDelay = TimeSpan.FromMinutes(1),
        MaxRetryDelay = TimeSpan.FromHours(1),
        LeaseDuration = TimeSpan.FromMinutes(2),
        WebhookTimeout = TimeSpan.FromSeconds(2),
        AllowPrivateWebhookTargets = true,
    };

    public static SmtpOptions Smtp(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = SmtpSecurity.None,
        From = "Vigil <security@vigil.test>",
        Timeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>The master key the outbox of these tests is sealed with.</summary>
    public static readonly Vigil.Core.Reports.ReportVault Vault = new(
        System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static NotificationDispatcher Create(DatabaseTarget target, TimeProvider clock, SmtpOptions smtp,
        NotificationOptions? options = null)
    {
        options ??= Options();
        return new NotificationDispatcher(
            target,
            new EmailSender(Microsoft.Extensions.Options.Options.Create(smtp)),
            new WebhookSender(WebhookTargetGuard.CreateClient(options), clock),
            Microsoft.Extensions.Options.Options.Create(options),
            clock,
            NullLogger<NotificationDispatcher>.Instance,
            Vault);
    }

    public static NotificationFacts Facts(long report = 7) =>
        new("npm ecosystem", report, new Uri($"https://vigil.test/reports/{report}"),
            new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
}
