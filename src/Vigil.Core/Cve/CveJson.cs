using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Core.Cve;

internal static class CveJson
{
    /// <summary>CVE JSON 5 timestamps: ISO 8601 in UTC with milliseconds, as the schema's examples write
    /// them.</summary>
    public static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A <c>description</c> object; the schema requires <c>lang</c> and <c>value</c>.</summary>
    public static JsonObject English(string value) => new() { ["lang"] = "en", ["value"] = value };

    public static void AddIfAny(JsonObject target, string name, JsonArray values)
    {
        if (values.Count > 0)
        {
            target[name] = values;
        }
    }
}
