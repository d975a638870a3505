using Microsoft.AspNetCore.HttpLogging;

namespace Vigil.Web.Operations;

/// <summary>
/// One log line per request: method, path, status and duration — never the query string (it may carry a token),
/// request or response headers (Authorization, Cookie) or bodies. ASP.NET Core's own "Request starting/finished"
/// lines, which print the full URL with its query, are held to warnings by <see cref="LogDefaults"/>.
/// </summary>
internal static class RequestLogging
{
    public static void AddRequestLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        builder.AddLogDefaults();
    }
}
