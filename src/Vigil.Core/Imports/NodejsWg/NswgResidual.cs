using System.Text.Json.Nodes;

namespace Vigil.Core.Imports.NodejsWg;

/// <summary>
/// What an exact WG round trip needs beyond the OSV fields: the difference between an original WG
/// record and the record derived back from its OSV form. Stored as <c>database_specific.nswg</c>, and
/// usually absent (most records derive back exactly):
/// <code>
/// { "kept":     { field: original value, … },   // fields the derivation does not reproduce
///   "absent":   [ field, … ],                   // fields the derivation adds but the original lacks
///   "replaced": { field: derived value, … },    // what the derivation gave for those fields at import
///   "order":    [ field, … ] }                  // the original's key order, when it is not the usual one
/// </code>
/// A kept or absent field is applied on export only while the derivation still gives what it gave at
/// import ("replaced"); once the advisory is edited in Vigil, the edit wins. Values are compared as
/// JSON text, so number spelling and nested key order are kept too.
/// </summary>
internal static class NswgResidual
{
    public const string Key = "nswg";

    public static JsonObject? Compute(JsonObject original, JsonObject derived)
    {
        var kept = new JsonObject();
        var replaced = new JsonObject();
        var absent = new JsonArray();
        foreach (var (key, value) in original)
        {
            if (!derived.TryGetPropertyValue(key, out var derivedValue))
            {
                kept[key] = value?.DeepClone();
            }
            else if (!Same(value, derivedValue))
            {
                kept[key] = value?.DeepClone();
                replaced[key] = derivedValue?.DeepClone();
            }
        }
        foreach (var (key, derivedValue) in derived)
        {
            if (!original.ContainsKey(key))
            {
                absent.Add(key);
                replaced[key] = derivedValue?.DeepClone();
            }
        }
        var residual = new JsonObject();
        AddIfAny(residual, "kept", kept, kept.Count);
        AddIfAny(residual, "absent", absent, absent.Count);
        AddIfAny(residual, "replaced", replaced, replaced.Count);
        if (!Apply(derived, residual).Select(p => p.Key).SequenceEqual(original.Select(p => p.Key)))
        {
            residual["order"] = new JsonArray(original.Select(p => (JsonNode?)p.Key).ToArray());
        }
        return residual.Count > 0 ? residual : null;
    }

    public static JsonObject Apply(JsonObject derived, JsonObject? residual)
    {
        var result = (JsonObject)derived.DeepClone();
        if (residual is null)
        {
            return result;
        }
        var replaced = residual["replaced"] as JsonObject;
        bool Unchanged(string key) => replaced is not null && replaced.TryGetPropertyValue(key, out var then)
            ? result.TryGetPropertyValue(key, out var now) && Same(now, then)
            : !result.ContainsKey(key);

        if (residual["kept"] is JsonObject kept)
        {
            foreach (var (key, value) in kept)
            {
                if (Unchanged(key))
                {
                    result[key] = value?.DeepClone();
                }
            }
        }
        if (residual["absent"] is JsonArray absent)
        {
            foreach (var key in absent.Select(k => k?.GetValue<string>()).OfType<string>().Where(Unchanged).ToList())
            {
                result.Remove(key);
            }
        }
        return residual["order"] is JsonArray order ? Reorder(result, order) : result;
    }

    private static JsonObject Reorder(JsonObject source, JsonArray order)
    {
        var keys = order.Select(k => k?.GetValue<string>()).OfType<string>().Where(source.ContainsKey).ToList();
        keys.AddRange(source.Select(p => p.Key).Where(k => !keys.Contains(k)).ToList());
        var result = new JsonObject();
        foreach (var key in keys)
        {
            result[key] = source[key]?.DeepClone();
        }
        return result;
    }

    /// <summary>Equal as JSON text: same values, same number spelling, same nested key order.</summary>
    public static bool Same(JsonNode? a, JsonNode? b) =>
        (a?.ToJsonString() ?? "null") == (b?.ToJsonString() ?? "null");

    private static void AddIfAny(JsonObject target, string key, JsonNode value, int count)
    {
        if (count > 0)
        {
            target[key] = value;
        }
    }
}
