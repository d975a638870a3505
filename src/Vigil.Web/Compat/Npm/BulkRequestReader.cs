using System.IO.Compression;
using System.Text.Json;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// Reads npm's bulk request: <c>{"name": ["version", …]}</c>, gzip'd by npm (content-encoding: gzip,
/// npm-registry-fetch L72-82) or plain. The decompressed size is capped so a gzip bomb costs at most the cap.
/// </summary>
internal static class BulkRequestReader
{
    public sealed record Outcome(Dictionary<string, IReadOnlyList<string>>? Packages, string? Error, int Status = StatusCodes.Status400BadRequest);

    public static async Task<Outcome> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
            await using Stream body = encoding switch
            {
                "" or "identity" => request.Body,
                "gzip" or "x-gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
                "deflate" => new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
                _ => throw new InvalidDataException($"Content-Encoding '{encoding}' is not supported; send gzip or plain JSON."),
            };
            bytes = await ReadCappedAsync(body, maxBytes, cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            return new(null, exception.Message);
        }
        catch (BadHttpRequestException exception)
        {
            return new(null, exception.Message, exception.StatusCode); // 413 when over a size limit
        }
        return Parse(bytes);
    }

    internal static Outcome Parse(byte[] bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException exception)
        {
            return new(null, $"The body is not JSON: {exception.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(null, "The body must be a JSON object: {\"package name\": [\"version\", …]}.");
            }
            var packages = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Array
                    || property.Value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                {
                    return new(null, $"The value for '{property.Name}' must be an array of version strings.");
                }
                packages[property.Name] = property.Value.EnumerateArray().Select(v => v.GetString()!).Distinct(StringComparer.Ordinal).ToList();
            }
            return new(packages, null);
        }
    }

    private static async Task<byte[]> ReadCappedAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new BadHttpRequestException($"The body is larger than {maxBytes} bytes after decompression.", StatusCodes.Status413PayloadTooLarge);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
