namespace Vigil.Web.Instance;

internal static class InstanceSetup
{
    /// <summary>
    /// The first steps in the log at start (<see cref="FirstStepsLog"/>). Register after the database migrator:
    /// hosted services start in registration order.
    /// </summary>
    public static IServiceCollection AddVigilInstance(this IServiceCollection services)
    {
        services.AddHostedService<FirstStepsLog>();
        return services;
    }
}
