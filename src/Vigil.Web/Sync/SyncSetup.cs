using Vigil.Core.Sync;

namespace Vigil.Web.Sync;

public static class SyncSetup
{
    /// <summary>The sync schedule (<c>Vigil:Sync</c>) and its background service.</summary>
    public static IServiceCollection AddVigilSync(this IServiceCollection services)
    {
        services.AddOptions<SyncScheduleOptions>()
            .BindConfiguration(SyncScheduleOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHostedService<SyncService>();
        return services;
    }
}
