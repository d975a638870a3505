using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Imports.NodejsWg;

namespace Vigil.Core.Exports.NodejsWg;

/// <summary>Reads shared by the npm and core derivations. Every derivation is a pure function of the OSV
/// document.</summary>
internal static class NswgDerivation
{
    public static JsonNode? Node(JsonObject? obj, string key) =>
        obj is not null && obj.TryGetPropertyValue(key, out var node) ? node : null;

    public static string? Text(JsonObject? obj, string key) =>
        Node(obj, key) is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    public static JsonValue? Date(DateTimeOffset? value) =>
        value is { } v ? JsonValue.Create(NswgFormat.FormatDate(v)) : null;

    public static JsonArray Strings(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>The CVE ids among the id and aliases, in order.</summary>
    public static JsonArray Cves(OsvVulnerability v) =>
        Strings(
            new[] { v.Id }.Concat(v.Aliases ?? [])
                .Where(a => a.StartsWith("CVE-", StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal));

    /// <summary>The first CVSS v3 vector, top level first (schema: affected[].severity only when the top level has
    /// none).</summary>
    public static string? CvssV3(OsvVulnerability v) =>
        (v.Severity ?? []).Concat((v.Affected ?? []).SelectMany(a => a.Severity ?? []))
            .FirstOrDefault(s => s.Type == "CVSS_V3")?.Score;

    public static OsvCredit? Credit(OsvVulnerability v, string type) =>
        v.Credits?.FirstOrDefault(c => c.Type == type);
}
