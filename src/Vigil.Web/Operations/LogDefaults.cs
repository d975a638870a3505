namespace Vigil.Web.Operations;

/// <summary>
/// Log levels shipped in code, so <c>vigil serve</c>, <c>dotnet run</c> and the tests all get them without an
/// appsettings file. Each category below prints private data at Information and is held to warnings: ASP.NET
/// Core's request lines print the full URL with its query, Kestrel's bad-request lines quote the request line,
/// and EF Core prints the text of every SQL command. EF Core's sensitive data logging (parameter values) is
/// never turned on, so even a command log shows no report text; these rules apply to every log provider, and
/// an operator who wants SQL commands anyway adds a provider-specific rule (docs/configuration.md, "Logs").
/// </summary>
internal static class LogDefaults
{
    public static readonly IReadOnlyDictionary<string, LogLevel> Levels = new Dictionary<string, LogLevel>
    {
        ["Microsoft.AspNetCore.Hosting.Diagnostics"] = LogLevel.Warning,
        ["Microsoft.AspNetCore.Server.Kestrel.BadRequests"] = LogLevel.Warning,
        ["Microsoft.EntityFrameworkCore.Database.Command"] = LogLevel.Warning,
    };

    public static void AddLogDefaults(this WebApplicationBuilder builder)
    {
        foreach (var (category, level) in Levels)
        {
            builder.Logging.AddFilter(category, level);
        }
    }
}
