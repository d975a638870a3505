using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Cve;

/// <summary>OSV <c>references</c> → CVE <c>references</c>, with OSV's type mapped to the closest CVE reference
/// tag.</summary>
internal static class CveReferences
{
    public static JsonArray From(OsvVulnerability advisory)
    {
        var references = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in advisory.References ?? [])
        {
            if (!seen.Add(reference.Url))
            {
                continue;
            }
            var item = new JsonObject { ["url"] = reference.Url };
            if (Tag(reference.Type) is { } tag)
            {
                item["tags"] = new JsonArray(tag);
            }
            references.Add(item);
        }
        return references;
    }

    private static string? Tag(string osvType) => osvType switch
    {
        "ADVISORY" => "vendor-advisory",
        "ARTICLE" => "technical-description",
        "REPORT" => "issue-tracking",
        "FIX" => "patch",
        "PACKAGE" => "product",
        "EVIDENCE" => "exploit",
        "DISCUSSION" => "mailing-list",
        _ => null,
    };
}
