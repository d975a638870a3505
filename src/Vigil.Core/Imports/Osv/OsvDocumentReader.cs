using System.Text.Json;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Imports.Osv;

/// <summary>Reads one OSV document: well-formed JSON, then the schema, then Vigil's model — all before anything is
/// stored.</summary>
internal static class OsvDocumentReader
{
    public const string Source = "osv";

    /// <summary>How many schema errors a problem lists before "and N more".</summary>
    private const int ErrorsShown = 3;

    private static readonly JsonDocumentOptions ParseOptions =
        new() { MaxDepth = 64, AllowDuplicateProperties = false };

    public static ImportRecord Read(string file, ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }
        if (JsonErrors.InvalidUtf8(bytes.Span) is { } encoding)
        {
            return ImportRecord.Failed(file, encoding);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, ParseOptions);
        }
        catch (JsonException exception)
        {
            return ImportRecord.Failed(file, JsonErrors.Describe(exception));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ImportRecord.Failed(file, $"the top level is {Article(root.ValueKind)}, not an OSV object");
            }
            if (root.TryGetProperty("module_name", out _) && root.TryGetProperty("vulnerable_versions", out _))
            {
                return ImportRecord.Failed(
                    file,
                    "this is a Node.js Security WG record, not OSV; import its vuln/ (or vuln/npm) directory instead");
            }
            var errors = OsvSchemaValidator.Default.Validate(root);
            if (errors.Count > 0)
            {
                return ImportRecord.Failed(file, DescribeSchemaErrors(errors));
            }
            try
            {
                var vulnerability = root.Deserialize<OsvVulnerability>(OsvJson.Options)
                    ?? throw new JsonException("the document is null");
                return ImportRecord.Ok(file, new AdvisoryToStore(OsvPurls.Fill(vulnerability), Source));
            }
            catch (JsonException exception)
            {
                return ImportRecord.Failed(file, exception.Message);
            }
        }
    }

    public static string DescribeSchemaErrors(IReadOnlyList<OsvSchemaError> errors)
    {
        var shown = string.Join("; ", errors.Take(ErrorsShown));
        var more = errors.Count > ErrorsShown ? $" (and {errors.Count - ErrorsShown} more)" : "";
        return $"does not match the OSV {OsvSchemaValidator.SchemaVersion} schema: {shown}{more}";
    }

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => "a " + kind.ToString().ToLowerInvariant(),
    };
}
