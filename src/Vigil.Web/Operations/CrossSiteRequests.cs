using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Vigil.Web.Operations;

/// <summary>
/// Cross-site request forgery: a state-changing request (any method but GET, HEAD, OPTIONS and TRACE) that
/// carries one of Vigil's cookies must come from Vigil's own origin, on the pages and on <c>/api</c> alike. The
/// browser says where a request comes from: <c>Sec-Fetch-Site</c> (Fetch Metadata) must be <c>same-origin</c>
/// or <c>none</c> (typed by the user); a browser that sends no Fetch Metadata must send an <c>Origin</c> equal to
/// this server's or the configured public URL's (<c>Origin: null</c> is refused). A request with neither header
/// is not a browser's, so no browser can have been tricked into it. SameSite cookies alone are not enough: they
/// let a sibling subdomain or another port through. Requests authenticated by <c>Authorization: Bearer</c> carry
/// no ambient credential and are not affected; the pages also check their antiforgery token.
/// </summary>
internal static class CrossSiteRequests
{
    /// <summary>Cookies that authenticate: the session and the anonymous reporter's follow-up cookies.</summary>
    public const string CookiePrefix = "vigil.";

    public static WebApplication UseCrossSiteRequestRefusal(this WebApplication app)
    {
        var publicUrl = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.PublicUrl;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CrossSiteRequests));
        app.Use(async (context, next) =>
        {
            if (Refuses(context.Request, publicUrl) is { } reason)
            {
                log.LogWarning("Refused a cross-site {Method} to {Path}: {Reason}",
                    context.Request.Method, context.Request.Path, reason);
                await Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused", detail: reason)
                    .ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        return app;
    }

    /// <summary>Why the request is refused, or null when it may go on.</summary>
    public static string? Refuses(HttpRequest request, string? publicUrl)
    {
        var method = request.Method;
        if (HttpMethods.IsGet(method)
            || HttpMethods.IsHead(method)
            || HttpMethods.IsOptions(method)
            || HttpMethods.IsTrace(method)
            || request.Headers.Authorization.Count > 0 // a page cannot make a browser send this header to another site
            || !request.Cookies.Keys.Any(k => k.StartsWith(CookiePrefix, StringComparison.Ordinal)))
        {
            return null;
        }
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is "same-origin" or "none" ? null
                : "A signed-in request that changes something must come from this site's own pages "
                    + $"(Sec-Fetch-Site: {Clip(site)}).";
        }
        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length == 0)
        {
            return null;
        }
        return SiteOrigin.Is(origin, request, publicUrl) ? null
            : "A signed-in request that changes something must come from this site's own pages "
                + $"(Origin: {Clip(origin)}).";
    }

    private static string Clip(string value) => value.Length <= 100 ? value : value[..100] + "…";
}
