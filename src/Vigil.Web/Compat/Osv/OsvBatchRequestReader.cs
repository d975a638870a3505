using System.Buffers;
using System.Text.Json;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Web.Compat.Osv;

/// <summary>
/// Reads a querybatch body. The usual shape, <c>{"queries":[{"package":{…},"version":…}, …]}</c> with string
/// or null values, is read in one <see cref="Utf8JsonReader"/> pass; anything else (another type where a
/// string belongs, a repeated property, broken JSON) goes to <see cref="JsonSerializer"/> exactly as before,
/// so its answer and error messages are unchanged. The serializer's converters for these records were a
/// sixth of a 1,000-query request's cost (docs/performance.md, benchmark c).
/// </summary>
internal static class OsvBatchRequestReader
{
    public static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpRequest request,
        CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 0, 4096, 1 << 20) + 1);
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <exception cref="JsonException">The body is not JSON or not a batch, with the serializer's message.</exception>
    public static OsvBatchRequest? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            if (TryRead(json, out var request))
            {
                return request;
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Broken JSON or text that is not UTF-8: the serializer below reports it with its own message.
        }
        return JsonSerializer.Deserialize<OsvBatchRequest>(json, OsvJson.Options);
    }

    private static bool TryRead(ReadOnlySpan<byte> json, out OsvBatchRequest? request)
    {
        request = null;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }
        List<OsvQueryRequest?>? queries = null;
        var seen = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("queries"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            if (seen || !reader.Read())
            {
                return false;
            }
            seen = true;
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }
            if (reader.TokenType != JsonTokenType.StartArray || !TryReadQueries(ref reader, out queries))
            {
                return false;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return false;
        }
        request = new OsvBatchRequest(queries);
        return true;
    }

    private static bool TryReadQueries(ref Utf8JsonReader reader, out List<OsvQueryRequest?>? queries)
    {
        queries = [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                queries.Add(null);
            }
            else if (reader.TokenType != JsonTokenType.StartObject || !TryReadQuery(ref reader, out var query))
            {
                return false;
            }
            else
            {
                queries.Add(query);
            }
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool TryReadQuery(ref Utf8JsonReader reader, out OsvQueryRequest? query)
    {
        query = null;
        OsvPackageRequest? package = null;
        string? version = null, commit = null, pageToken = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueTextEquals("package"u8) ? 1
                : reader.ValueTextEquals("version"u8) ? 2
                : reader.ValueTextEquals("commit"u8) ? 4
                : reader.ValueTextEquals("page_token"u8) ? 8
                : 0;
            reader.Read();
            if (property == 0)
            {
                reader.Skip();
                continue;
            }
            if ((seen & property) != 0)
            {
                return false;
            }
            seen |= property;
            bool read;
            switch (property)
            {
                case 1:
                    read = reader.TokenType == JsonTokenType.Null
                        || (reader.TokenType == JsonTokenType.StartObject && TryReadPackage(ref reader, out package));
                    break;
                case 2:
                    read = TryReadString(ref reader, out version);
                    break;
                case 4:
                    read = TryReadString(ref reader, out commit);
                    break;
                default:
                    read = TryReadString(ref reader, out pageToken);
                    break;
            }
            if (!read)
            {
                return false;
            }
        }
        query = new OsvQueryRequest(package, version, commit, pageToken);
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool TryReadPackage(ref Utf8JsonReader reader, out OsvPackageRequest? package)
    {
        package = null;
        string? name = null, ecosystem = null, purl = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueTextEquals("name"u8) ? 1
                : reader.ValueTextEquals("ecosystem"u8) ? 2
                : reader.ValueTextEquals("purl"u8) ? 4
                : 0;
            reader.Read();
            if (property == 0)
            {
                reader.Skip();
                continue;
            }
            if ((seen & property) != 0)
            {
                return false;
            }
            seen |= property;
            var read = property switch
            {
                1 => TryReadString(ref reader, out name),
                2 => TryReadString(ref reader, out ecosystem),
                _ => TryReadString(ref reader, out purl),
            };
            if (!read)
            {
                return false;
            }
        }
        package = new OsvPackageRequest(name, ecosystem, purl);
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool TryReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }
}
