using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Cve;

/// <summary>OSV credits → CVE credits; OSV's credit types are CVE's, upper snake case instead of lower words.</summary>
internal static class CveCredits
{
    private static readonly HashSet<string> CveTypes =
    [
        "finder", "reporter", "analyst", "coordinator", "remediation developer", "remediation reviewer",
        "remediation verifier", "tool", "sponsor", "other",
    ];

    public static JsonArray From(IEnumerable<OsvCredit>? credits)
    {
        var result = new JsonArray();
        foreach (var credit in credits ?? [])
        {
            var type = credit.Type?.Replace('_', ' ').ToLowerInvariant();
            result.Add(new JsonObject
            {
                ["lang"] = "en",
                ["value"] = credit.Name,
                ["type"] = type is not null && CveTypes.Contains(type) ? type : "other",
            });
        }
        return result;
    }
}
