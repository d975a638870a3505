using Microsoft.AspNetCore.Identity;

namespace Vigil.Web.Accounts;

/// <summary>
/// Where a passkey ceremony may come from: this site itself — the origin of the request the browser made, or
/// the configured public URL behind a proxy — and never from a frame on another site. Identity's default
/// compares with the request's <c>Origin</c> header, which browsers send as <c>null</c> under our
/// <c>Referrer-Policy: no-referrer</c>; the challenge in the signed client data binds the ceremony to this
/// server either way.
/// </summary>
internal static class PasskeyOrigin
{
    public static bool IsAllowed(PasskeyOriginValidationContext context, string? publicUrl)
    {
        if (context.CrossOrigin || !Uri.TryCreate(context.Origin, UriKind.Absolute, out var origin))
        {
            return false;
        }
        var request = context.HttpContext.Request;
        return Same(origin, $"{request.Scheme}://{request.Host}") || (publicUrl is { Length: > 0 } && Same(origin, publicUrl));
    }

    private static bool Same(Uri origin, string candidate) =>
        Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
        && Uri.Compare(origin, uri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
