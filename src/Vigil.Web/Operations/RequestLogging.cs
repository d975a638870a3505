using Microsoft.AspNetCore.HttpLogging;

namespace Vigil.Web.Operations;

/// <summary>
/// One log line per request: method, path, status and duration — never the query string (it may carry a token),
/// request or response headers (Authorization, Cookie) or bodies. ASP.NET Core's own "Request starting/finished"
/// lines print the full URL with its query, so they are held to warnings, as are Kestrel's bad-request lines (they
/// quote the request line).
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
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.BadRequests", LogLevel.Warning);
    }
}
