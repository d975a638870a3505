using System.Text.Json;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// Reads npm's bulk request: <c>{"name": ["version", …]}</c> (body rules: <see cref="NpmRequestBody"/>).
/// One forward pass of <see cref="Utf8JsonReader"/> straight into the result, without a JsonDocument or a
/// set per package: a 1,000-package body is parsed on every audit (docs/performance.md, benchmark c).
/// </summary>
internal static class BulkRequestReader
{
    public sealed record Outcome(Dictionary<string, IReadOnlyList<string>>? Packages, string? Error, int Status = StatusCodes.Status400BadRequest);

    private const string NotAnObject = "The body must be a JSON object: {\"package name\": [\"version\", …]}.";

    public static async Task<Outcome> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var body = await NpmRequestBody.ReadAsync(request, maxBytes, cancellationToken);
        return body.Bytes is null ? new(null, body.Error, body.Status) : Parse(body.Bytes);
    }

    internal static Outcome Parse(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            var (packages, shapeError) = Read(ref reader);
            // As before, a body that is not JSON at all is reported as such even when its start had the wrong shape.
            while (shapeError is not null && reader.Read())
            {
            }
            return shapeError is null ? new(packages, null) : new(null, shapeError);
        }
        catch (JsonException exception)
        {
            return new(null, $"The body is not JSON: {exception.Message}");
        }
    }

    private static (Dictionary<string, IReadOnlyList<string>>? Packages, string? ShapeError) Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The input does not contain any JSON tokens.");
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, NotAnObject);
        }
        var packages = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return (null, MustBeArray(name));
            }
            var versions = new List<string>(1);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    return (null, MustBeArray(name));
                }
                var version = reader.GetString()!;
                // Few versions per package: a linear scan de-duplicates without allocating a set.
                if (!versions.Contains(version, StringComparer.Ordinal))
                {
                    versions.Add(version);
                }
            }
            // A repeated name keeps its last value, as JSON object semantics (and the earlier reader) had it.
            packages[name] = versions;
        }
        // Trailing content after the object is rejected by the reader itself (an exception), as JsonDocument did.
        reader.Read();
        return (packages, null);
    }

    private static string MustBeArray(string name) => $"The value for '{name}' must be an array of version strings.";
}
