using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Vigil.Core.Imports.Osv;

/// <summary>
/// The schema's own regular expression for each <c>severity[].type</c> (schema 1.7.5 <c>$defs/severity</c>),
/// read from the embedded schema so a mapper never writes a score the validator would refuse.
/// </summary>
internal static class OsvSeverityPatterns
{
    private static readonly Lazy<IReadOnlyDictionary<string, Regex>> Patterns = new(Load);

    /// <summary>CVSS_V3 for "CVSS:3.x/…", CVSS_V4 for "CVSS:4.0/…", when the vector matches the schema; otherwise
    /// null.</summary>
    public static string? TypeOf(string vector)
    {
        var type = vector.StartsWith("CVSS:3.", StringComparison.Ordinal) ? "CVSS_V3"
            : vector.StartsWith("CVSS:4.", StringComparison.Ordinal) ? "CVSS_V4"
            : null;
        return type is not null && Patterns.Value.TryGetValue(type, out var pattern) && pattern.IsMatch(vector)
            ? type
            : null;
    }

    private static IReadOnlyDictionary<string, Regex> Load()
    {
        var result = new Dictionary<string, Regex>(StringComparer.Ordinal);
        var rules = OsvSchemaValidator.Published.SchemaText["$defs"]?["severity"]?["items"]?["allOf"] as JsonArray
            ?? [];
        foreach (var rule in rules)
        {
            var type = rule?["if"]?["properties"]?["type"]?["const"]?.GetValue<string>();
            var pattern = rule?["then"]?["properties"]?["score"]?["pattern"]?.GetValue<string>();
            if (type is not null && pattern is not null)
            {
                result[type] = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
        }
        return result;
    }
}
