namespace Vigil.Web.Deadlines;

/// <summary>The deadline clock: its options (<c>Vigil:Clock</c>) and the hosted service that runs it.</summary>
public static class DeadlinesSetup
{
    public static IServiceCollection AddVigilDeadlines(this IServiceCollection services)
    {
        services.AddOptions<ClockOptions>().BindConfiguration(ClockOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<DeadlineClockService>();
        return services;
    }
}
