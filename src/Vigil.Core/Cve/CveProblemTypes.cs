using System.Text.Json.Nodes;

namespace Vigil.Core.Cve;

/// <summary>The advisory's CWE ids (<c>database_specific.cwe_ids</c>) → CVE <c>problemTypes</c> with <c>type: CWE</c>.</summary>
internal static class CveProblemTypes
{
    public static JsonArray From(JsonObject? databaseSpecific)
    {
        var descriptions = new JsonArray();
        if (databaseSpecific?["cwe_ids"] is JsonArray ids)
        {
            foreach (var id in ids.Select(i => i?.GetValue<string>()).OfType<string>().Where(IsCweId).Distinct(StringComparer.Ordinal))
            {
                descriptions.Add(new JsonObject { ["lang"] = "en", ["cweId"] = id, ["description"] = id, ["type"] = "CWE" });
            }
        }
        return descriptions.Count == 0 ? [] : new JsonArray(new JsonObject { ["descriptions"] = descriptions });
    }

    /// <summary>The schema's <c>cweId</c> pattern: <c>^CWE-[1-9][0-9]*$</c>.</summary>
    private static bool IsCweId(string id) =>
        id.Length > 4 && id.StartsWith("CWE-", StringComparison.Ordinal) && id[4] != '0' && id.AsSpan(4).IndexOfAnyExceptInRange('0', '9') < 0;
}
