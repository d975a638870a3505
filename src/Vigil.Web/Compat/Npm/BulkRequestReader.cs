using System.Text.Json;
using Vigil.Web.Operations;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// Reads npm's bulk request: <c>{"name": ["version", …]}</c> (body rules: <see cref="NpmRequestBody"/>).
/// One forward pass of <see cref="Utf8JsonReader"/> straight into the result, without a JsonDocument or a
/// set for a package with few versions: a 1,000-package body is parsed on every audit (docs/performance.md,
/// benchmark c). The work is linear in the body: packages, versions per package and name and version lengths
/// are capped (<see cref="LimitsOptions"/>), and versions are de-duplicated through a set once there are many.
/// </summary>
internal static class BulkRequestReader
{
    public sealed record Outcome(
        Dictionary<string, IReadOnlyList<string>>? Packages,
        string? Error,
        int Status = StatusCodes.Status400BadRequest);

    private const string NotAnObject = "The body must be a JSON object: {\"package name\": [\"version\", …]}.";

    /// <summary>Up to this many versions a linear scan de-duplicates without allocating a set.</summary>
    private const int ScanLimit = 8;

    public static async Task<Outcome> ReadAsync(HttpRequest request, long maxBytes, LimitsOptions limits,
        CancellationToken cancellationToken)
    {
        var body = await NpmRequestBody.ReadAsync(request, maxBytes, cancellationToken);
        return body.Bytes is null ? new(null, body.Error, body.Status) : Parse(body.Bytes, limits, cancellationToken);
    }

    internal static Outcome Parse(byte[] bytes, LimitsOptions limits, CancellationToken cancellationToken = default)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            var (packages, shapeError, status) = Read(ref reader, limits, cancellationToken);
            if (status == StatusCodes.Status413PayloadTooLarge)
            {
                return new(null, shapeError, status);
            }
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
        catch (InvalidOperationException exception)
        {
            // GetString on a name or version that is not valid UTF-8.
            return new(null, $"The body is not valid UTF-8 JSON: {exception.Message}");
        }
    }

    private static (Dictionary<string, IReadOnlyList<string>>? Packages, string? ShapeError, int Status) Read(
        ref Utf8JsonReader reader, LimitsOptions limits, CancellationToken cancellationToken)
    {
        const int BadRequest = StatusCodes.Status400BadRequest, TooLarge = StatusCodes.Status413PayloadTooLarge;
        if (!reader.Read())
        {
            throw new JsonException("The input does not contain any JSON tokens.");
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, NotAnObject, BadRequest);
        }
        var packages = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var read = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++read > limits.MaxPackagesPerRequest)
            {
                return (null,
                    $"The request names more than {limits.MaxPackagesPerRequest} packages "
                    + "(Vigil:Limits:MaxPackagesPerRequest).", TooLarge);
            }
            var name = reader.GetString()!;
            if (name.Length > limits.MaxPackageNameChars)
            {
                return (null,
                    $"A package name is longer than {limits.MaxPackageNameChars} characters "
                    + "(Vigil:Limits:MaxPackageNameChars).", BadRequest);
            }
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return (null, MustBeArray(name), BadRequest);
            }
            var versions = new List<string>(1);
            HashSet<string>? seen = null;
            var count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    return (null, MustBeArray(name), BadRequest);
                }
                if (++count > limits.MaxVersionsPerPackage)
                {
                    return (null,
                        $"'{name}' has more than {limits.MaxVersionsPerPackage} versions "
                        + "(Vigil:Limits:MaxVersionsPerPackage).", TooLarge);
                }
                var version = reader.GetString()!;
                if (version.Length > limits.MaxVersionChars)
                {
                    return (null,
                        $"A version of '{name}' is longer than {limits.MaxVersionChars} characters "
                        + "(Vigil:Limits:MaxVersionChars).", BadRequest);
                }
                if (seen is null && versions.Count == ScanLimit)
                {
                    seen = new HashSet<string>(versions, StringComparer.Ordinal);
                }
                if (seen is null ? !versions.Contains(version, StringComparer.Ordinal) : seen.Add(version))
                {
                    versions.Add(version);
                }
            }
            // A repeated name keeps its last value, as JSON object semantics (and the earlier reader) had it.
            packages[name] = versions;
        }
        // Trailing content after the object is rejected by the reader itself (an exception), as JsonDocument did.
        reader.Read();
        return (packages, null, StatusCodes.Status200OK);
    }

    private static string MustBeArray(string name) => $"The value for '{name}' must be an array of version strings.";
}
