using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Vigil.Web.Operations;

/// <summary>
/// Log levels shipped in code, so <c>vigil serve</c>, <c>dotnet run</c> and the tests all get them without an
/// appsettings file. The default log is one line per request (<see cref="RequestLogging"/>) plus the host's
/// start and stop lines: ASP.NET Core's and EF Core's own Information lines (routing, page and endpoint
/// execution, "Request starting/finished", migrations) are held to warnings. Some of them print private data
/// at Information too: the request lines print the full URL with its query, Kestrel's bad-request lines quote
/// the request line, and EF Core prints the text of every SQL command. EF Core's sensitive data logging
/// (parameter values) is never turned on, so even a command log shows no report text; these rules apply to
/// every log provider, and an operator who wants more adds a provider-specific rule (docs/configuration.md, "Logs").
/// </summary>
internal static class LogDefaults
{
    public static readonly IReadOnlyDictionary<string, LogLevel> Levels = new Dictionary<string, LogLevel>
    {
        ["Microsoft.AspNetCore"] = LogLevel.Warning,
        ["Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware"] = LogLevel.Information,
        ["Microsoft.AspNetCore.Hosting.Diagnostics"] = LogLevel.Warning,
        ["Microsoft.AspNetCore.Server.Kestrel.BadRequests"] = LogLevel.Warning,
        ["Microsoft.EntityFrameworkCore"] = LogLevel.Warning,
        ["Microsoft.EntityFrameworkCore.Database.Command"] = LogLevel.Warning,
    };

    public static void AddLogDefaults(this WebApplicationBuilder builder)
    {
        foreach (var (category, level) in Levels)
        {
            builder.Logging.AddFilter(category, level);
        }
        // Each entry on one console line (the request line's fields included). Registered first, so
        // Logging:Console:FormatterOptions:SingleLine in configuration still overrides it.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<SimpleConsoleFormatterOptions>>(
            new ConfigureNamedOptions<SimpleConsoleFormatterOptions>(
                ConsoleFormatterNames.Simple, options => options.SingleLine = true)));
    }
}
