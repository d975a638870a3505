namespace Vigil.Web.Operations;

/// <summary>
/// Headers every response carries, errors included (set when the response starts, so an exception handler that
/// clears the response cannot drop them). The pages serve no inline script or style, so the policy allows none.
/// An endpoint may tighten the content security policy (attachments are served under a sandbox); every other
/// header is overwritten, so nothing — e.g. antiforgery's <c>X-Frame-Options: SAMEORIGIN</c> on pages with a
/// form — can weaken it.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static readonly IReadOnlyList<KeyValuePair<string, string>> All =
    [
        new("Content-Security-Policy", ContentSecurityPolicy),
        new("X-Content-Type-Options", "nosniff"),
        new("X-Frame-Options", "DENY"),
        new("Referrer-Policy", "no-referrer"),
        new("Permissions-Policy",
            "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), "
            + "usb=()"),
        new("Cross-Origin-Opener-Policy", "same-origin"),
    ];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            foreach (var (name, value) in All)
            {
                if (name == "Content-Security-Policy")
                {
                    context.Response.Headers.TryAdd(name, value);
                }
                else
                {
                    context.Response.Headers[name] = value;
                }
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
