using System.IO.Compression;
using Microsoft.Net.Http.Headers;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// Reads the body of an npm audit request: JSON (npm, pnpm and yarn all send <c>application/json</c>), gzip'd
/// by npm (content-encoding: gzip, npm-registry-fetch L72-82) or plain. The decompressed size is capped so a
/// gzip bomb costs at most the cap.
/// </summary>
internal static class NpmRequestBody
{
    public sealed record Outcome(byte[]? Bytes, int Status, string? Error);

    public static async Task<Outcome> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentType is { Length: > 0 } contentType && !IsJson(contentType))
        {
            return new(null, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{contentType}' is not accepted; send application/json.");
        }
        try
        {
            var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
            await using Stream body = encoding switch
            {
                "" or "identity" => request.Body,
                "gzip" or "x-gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
                "deflate" => new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
                _ =>
                    throw new NotSupportedException(
                        $"Content-Encoding '{encoding}' is not supported; send gzip or plain JSON."),
            };
            return new(await ReadCappedAsync(body, maxBytes, cancellationToken), StatusCodes.Status200OK, null);
        }
        catch (NotSupportedException exception)
        {
            return new(null, StatusCodes.Status415UnsupportedMediaType, exception.Message);
        }
        catch (TooLargeException exception)
        {
            return new(null, StatusCodes.Status413PayloadTooLarge, exception.Message);
        }
        catch (InvalidDataException exception)
        {
            return new(null, StatusCodes.Status400BadRequest,
                $"The body is not valid compressed data: {exception.Message}");
        }
        catch (BadHttpRequestException exception)
        {
            return new(null, exception.StatusCode, exception.Message);
        }
    }

    private static bool IsJson(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && (parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || parsed.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);

    private static async Task<byte[]> ReadCappedAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new TooLargeException(
                    $"The body is larger than {maxBytes} bytes after decompression (Vigil:MaxDecompressedBodyBytes).");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private sealed class TooLargeException(string message) : Exception(message);
}
