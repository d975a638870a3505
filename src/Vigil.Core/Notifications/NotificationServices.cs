using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Vigil.Core.Notifications;

public static class NotificationServices
{
    /// <summary>Options (validated on start), the senders and the dispatcher; the server runs it
    /// (<see cref="NotificationDispatcherService"/>).</summary>
    public static IServiceCollection AddVigilNotifications(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>()
            .BindConfiguration(SmtpOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<NotificationOptions>()
            .BindConfiguration(NotificationOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<EmailSender>();
        services.AddSingleton(sp => new WebhookSender(
            WebhookTargetGuard.CreateClient(sp.GetRequiredService<IOptions<NotificationOptions>>().Value),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<NotificationDispatcher>();
        services.AddScoped<EnqueueNotification>();
        return services;
    }
}
