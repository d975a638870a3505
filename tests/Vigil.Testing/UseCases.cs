using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Testing;

/// <summary>Use cases composed as the server composes them (<see cref="CoreServices.AddVigilCore"/>).</summary>
public static class UseCases
{
    /// <summary>
    /// A use case on <paramref name="db"/>, <paramref name="clock"/> and <paramref name="vault"/>; it tells
    /// nobody unless given a <paramref name="notifier"/>.
    /// </summary>
    public static T Compose<T>(
        VigilDbContext db, TimeProvider clock, ReportVault vault, IReportNotifier? notifier = null)
        where T : notnull
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddVigilCore();
        services.AddSingleton(clock);
        services.AddSingleton(vault);
        services.AddSingleton(db);
        services.AddSingleton(notifier ?? SilentReportNotifier.Instance);
        return services.BuildServiceProvider().GetRequiredService<T>();
    }
}
