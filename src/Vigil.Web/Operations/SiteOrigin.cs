namespace Vigil.Web.Operations;

/// <summary>
/// Whether an origin (<c>scheme://host[:port]</c>) is this site's own: the origin of the request itself, or the
/// configured public URL (<c>Vigil:PublicUrl</c>) behind a proxy. Used wherever a browser says where a request or a
/// ceremony comes from (cross-site requests, passkeys).
/// </summary>
internal static class SiteOrigin
{
    public static bool Is(string origin, HttpRequest request, string? publicUrl) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (Same(uri, $"{request.Scheme}://{request.Host}") || (publicUrl is { Length: > 0 } && Same(uri, publicUrl)));

    private static bool Same(Uri origin, string candidate) =>
        Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
        && Uri.Compare(origin, uri, UriComponents.SchemeAndServer, UriFormat.Unescaped,
            StringComparison.OrdinalIgnoreCase) == 0;
}
