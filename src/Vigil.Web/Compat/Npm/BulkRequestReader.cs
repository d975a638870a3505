using System.Text.Json;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// Reads npm's bulk request: <c>{"name": ["version", …]}</c> (body rules: <see cref="NpmRequestBody"/>).
/// </summary>
internal static class BulkRequestReader
{
    public sealed record Outcome(Dictionary<string, IReadOnlyList<string>>? Packages, string? Error, int Status = StatusCodes.Status400BadRequest);

    public static async Task<Outcome> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var body = await NpmRequestBody.ReadAsync(request, maxBytes, cancellationToken);
        return body.Bytes is null ? new(null, body.Error, body.Status) : Parse(body.Bytes);
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
}
