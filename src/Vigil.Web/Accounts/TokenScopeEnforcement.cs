using Microsoft.Net.Http.Headers;
using Vigil.Core.Accounts;

namespace Vigil.Web.Accounts;

/// <summary>
/// The one place an API token's scopes are checked, after authentication and authorization and before any
/// endpoint runs: a token-authenticated request reaches an endpoint only when the endpoint's
/// <see cref="TokenScope"/> grants the token's scopes for the request's method (403 otherwise; an endpoint that
/// declares none takes no token). A <c>Bearer vgl_…</c> token that is unknown, revoked or expired answers 401,
/// even on an endpoint that anonymous callers may use, so a script never silently runs as nobody.
/// </summary>
internal static class TokenScopeEnforcement
{
    public static WebApplication UseTokenScopes(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // Routing's own rejections (405, 415) are plain endpoints that run nothing: only route endpoints are doors.
            if (context.GetEndpoint() is not RouteEndpoint endpoint)
            {
                await next(context);
                return;
            }
            if (context.User.Identity?.AuthenticationType == ApiTokenHandler.SchemeName)
            {
                var scope = endpoint.Metadata.GetMetadata<TokenScope>();
                var needed = scope?.For(context.Request.Method);
                var held = context.User.FindAll(VigilClaims.Scope)
                    .Select(c => c.Value)
                    .ToHashSet(StringComparer.Ordinal);
                if (needed is null)
                {
                    await Problem(context, StatusCodes.Status403Forbidden,
                        "This endpoint takes a signed-in session, not an API token.");
                    return;
                }
                if (!TokenScope.Grants(held, needed))
                {
                    await Problem(context, StatusCodes.Status403Forbidden,
                        $"This API token lacks the scope '{needed}'.");
                    return;
                }
            }
            else if (AccountsSetup.CarriesApiToken(context.Request))
            {
                context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
                await Problem(context, StatusCodes.Status401Unauthorized,
                    "The API token is unknown, revoked or expired.");
                return;
            }
            await next(context);
        });
        return app;
    }

    private static Task Problem(HttpContext context, int status, string detail) =>
        Results.Problem(statusCode: status, detail: detail).ExecuteAsync(context);
}
