using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Vigil.Web.Operations;

/// <summary>
/// The one place that shapes error answers (RFC 9457): every problem document gets a <c>type</c>, <c>title</c>,
/// <c>detail</c> and <c>traceId</c>, whoever wrote it (a handler, the status-code pages, the exception handler,
/// the rate limiter). Under <c>/v1/</c> <see cref="OsvProblemWriter"/> turns them into osv.dev's shape instead.
/// </summary>
internal static class Problems
{
    // Statuses ASP.NET Core has no default type/title for.
    private static readonly Dictionary<int, (string Type, string Title)> Extra = new()
    {
        [StatusCodes.Status413PayloadTooLarge] =
            ("https://tools.ietf.org/html/rfc9110#section-15.5.14", "Content Too Large"),
        [StatusCodes.Status429TooManyRequests] = ("https://tools.ietf.org/html/rfc6585#section-4", "Too Many Requests"),
    };

    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        var status = problem.Status ?? http.Response.StatusCode;
        if (Extra.TryGetValue(status, out var extra))
        {
            problem.Type ??= extra.Type;
            problem.Title ??= extra.Title;
        }
        problem.Type ??= "about:blank";
        problem.Title ??= ReasonPhrase(status);
        problem.Detail ??= DefaultDetail(http, status);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
    }

    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase
            ? phrase
            : $"HTTP {status}";

    // The query string is never echoed: it may carry a token.
    private static string DefaultDetail(HttpContext http, int status) => status switch
    {
        StatusCodes.Status404NotFound => $"Nothing is served at {http.Request.Path}.",
        StatusCodes.Status405MethodNotAllowed =>
            $"{http.Request.Method} is not allowed on {http.Request.Path}; allowed: {http.Response.Headers.Allow}.",
        StatusCodes.Status415UnsupportedMediaType =>
            $"Content-Type '{http.Request.ContentType}' is not accepted by {http.Request.Method} {http.Request.Path}; "
            + "send application/json.",
        StatusCodes.Status429TooManyRequests =>
            $"Too many requests from this client; retry after {http.Response.Headers.RetryAfter} seconds "
            + "(Vigil:RateLimit).",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        >= 500 => "The server failed to answer this request; quote the traceId when reporting it.",
        _ => ReasonPhrase(status) + ".",
    };
}
