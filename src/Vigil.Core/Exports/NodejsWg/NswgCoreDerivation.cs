using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Imports.NodejsWg;
using static Vigil.Core.Exports.NodejsWg.NswgDerivation;

namespace Vigil.Core.Exports.NodejsWg;

/// <summary>
/// OSV → one entry of the WG core list (<c>core/index.json</c>), the inverse of <see cref="NswgCoreMapper"/>.
/// An advisory is a core entry when it carries <c>database_specific.nodejs_runtime</c> (see the mapper
/// for why the runtime is not an <c>affected[]</c> package). Optional keys appear only when there is a value.
/// </summary>
internal static class NswgCoreDerivation
{
    public static bool IsCore(OsvVulnerability v) =>
        Node(v.DatabaseSpecific, NswgFormat.Runtime) is JsonObject runtime
            && Text(runtime, NswgFormat.RuntimeVulnerable) is not null;

    public static JsonObject Derive(OsvVulnerability v)
    {
        var runtime = Node(v.DatabaseSpecific, NswgFormat.Runtime) as JsonObject;
        var entry = new JsonObject
        {
            ["cve"] = Cves(v),
            ["vulnerable"] = Node(runtime, NswgFormat.RuntimeVulnerable)?.DeepClone(),
        };
        if (runtime is not null && runtime.ContainsKey(NswgFormat.RuntimePatched))
        {
            entry["patched"] = runtime[NswgFormat.RuntimePatched]?.DeepClone();
        }
        Optional(entry, "publish_date", Date(v.Published));
        Optional(entry, "author", Credit(v, "OTHER")?.Name);
        Optional(entry, "reported_by", (Credit(v, "REPORTER") ?? Credit(v, "FINDER"))?.Name);
        Optional(entry, "ref", v.References?.FirstOrDefault()?.Url);
        Optional(entry, "description", v.Summary);
        var vector = CvssV3(v);
        Optional(
            entry, "cvss",
            vector?.StartsWith("CVSS:", StringComparison.Ordinal) == true ? vector["CVSS:".Length..] : vector);
        Optional(entry, "cvss_score", Node(v.DatabaseSpecific, NswgFormat.CvssScore)?.DeepClone());
        Optional(
            entry, "type", (Node(v.DatabaseSpecific, NswgFormat.CweIds) as JsonArray)?.FirstOrDefault()?.DeepClone());
        Optional(entry, "overview", v.Details);
        entry["affectedEnvironments"] = Node(runtime, NswgFormat.RuntimeEnvironments)?.DeepClone()
            ?? new JsonArray("all");
        entry["severity"] = CoreSeverity(Text(v.DatabaseSpecific, NswgFormat.Severity));
        return entry;
    }

    /// <summary>The core list's words are low, medium, high, critical and unknown; GitHub's MODERATE is
    /// medium.</summary>
    private static string CoreSeverity(string? word) => word switch
    {
        null => "unknown",
        "LOW" or "Low" => "low",
        "MODERATE" or "moderate" or "Moderate" or "MEDIUM" => "medium",
        "HIGH" or "High" => "high",
        "CRITICAL" or "Critical" => "critical",
        _ => word,
    };

    private static void Optional(JsonObject entry, string key, JsonNode? value)
    {
        if (value is not null)
        {
            entry[key] = value;
        }
    }
}
