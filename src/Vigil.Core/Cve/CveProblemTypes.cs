using System.Text.Json.Nodes;
using Vigil.Core.Advisories;

namespace Vigil.Core.Cve;

/// <summary>The advisory's CWE ids (<c>database_specific.cwe_ids</c>) → CVE <c>problemTypes</c> with <c>type:
/// CWE</c>.</summary>
internal static class CveProblemTypes
{
    public static JsonArray From(JsonObject? databaseSpecific)
    {
        var descriptions = new JsonArray();
        if (databaseSpecific?["cwe_ids"] is JsonArray ids)
        {
            foreach (var id in ids.Select(i => i?.GetValue<string>())
                .OfType<string>()
                .Where(CweIds.IsValid)
                .Distinct(StringComparer.Ordinal))
            {
                descriptions.Add(
                    new JsonObject { ["lang"] = "en", ["cweId"] = id, ["description"] = id, ["type"] = "CWE" });
            }
        }
        return descriptions.Count == 0 ? [] : new JsonArray(new JsonObject { ["descriptions"] = descriptions });
    }
}
