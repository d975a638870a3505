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
    public static bool IsAllowed(PasskeyOriginValidationContext context, string? publicUrl) =>
        !context.CrossOrigin && Operations.SiteOrigin.Is(context.Origin, context.HttpContext.Request, publicUrl);
}
