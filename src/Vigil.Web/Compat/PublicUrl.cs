namespace Vigil.Web.Compat;

/// <summary>
/// The base URL for links this server hands out: configured <c>Vigil:PublicUrl</c>, else the request's own.
/// </summary>
internal static class PublicUrl
{
    public static string Of(HttpRequest request, ServerOptions options) =>
        !string.IsNullOrWhiteSpace(options.PublicUrl)
            ? options.PublicUrl.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
}
