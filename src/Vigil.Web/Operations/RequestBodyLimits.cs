using Microsoft.Extensions.Options;

namespace Vigil.Web.Operations;

/// <summary>
/// Refuses a body before anyone reads it: too large by its Content-Length (413), or in a Content-Encoding this
/// server cannot decode (415, RFC 9110 § 15.5.16). Runs before request decompression.
/// </summary>
internal static class RequestBodyLimits
{
    private static readonly string[] Encodings = ["identity", "gzip", "x-gzip", "deflate", "br"];

    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var max = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxRequestBodyBytes;
            var request = context.Request;
            if (request.ContentLength > max)
            {
                await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                    $"The request body is {request.ContentLength} bytes; the limit is {max} "
                    + "(Vigil:Limits:MaxRequestBodyBytes).");
                return;
            }
            var encoding = request.Headers.ContentEncoding.ToString().Trim();
            if (encoding.Length > 0 && !Encodings.Contains(encoding, StringComparer.OrdinalIgnoreCase))
            {
                await Problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType,
                    $"Content-Encoding '{encoding}' is not supported; send gzip, deflate, br or an unencoded body.");
                return;
            }
            await next(context);
        });

    /// <summary>
    /// After decompression: whatever the body decodes to, at most <c>Vigil:MaxDecompressedBodyBytes</c> of it is
    /// read.
    /// </summary>
    public static IApplicationBuilder UseDecompressedBodyCap(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var max = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.MaxDecompressedBodyBytes;
        context.Request.Body = new CappedStream(context.Request.Body, max);
        return next(context);
    });
}
