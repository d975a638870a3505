using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Core.Imports.NodejsWg;

/// <summary>A WG record that cannot be imported; the message names the field ("'vulnerable_versions' must be a string,
/// not a number").</summary>
internal sealed class NswgFormatException(string message) : Exception(message);

/// <summary>Typed reads of WG fields. A field Vigil maps must have the WG's type; anything else is refused with a clear
/// reason.</summary>
internal static class NswgFields
{
    public static string RequiredString(JsonObject entry, string key) =>
        OptionalString(entry, key) is { Length: > 0 } text
            ? text
            : throw new NswgFormatException($"'{key}' is missing or empty");

    public static string? OptionalString(JsonObject entry, string key)
    {
        var node = Get(entry, key);
        return node is null ? null
            : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>()
            : throw new NswgFormatException($"'{key}' must be a string, not {Kind(node)}");
    }

    public static List<string>? OptionalStringArray(JsonObject entry, string key)
    {
        var node = Get(entry, key);
        if (node is null)
        {
            return null;
        }
        if (node is not JsonArray array)
        {
            throw new NswgFormatException($"'{key}' must be an array of strings, not {Kind(node)}");
        }
        return array.Select((item, i) => item?.GetValueKind() == JsonValueKind.String
                ? item.GetValue<string>()
                : throw new NswgFormatException($"'{key}[{i}]' must be a string, not {Kind(item)}"))
            .ToList();
    }

    public static JsonObject? OptionalObject(JsonObject entry, string key)
    {
        var node = Get(entry, key);
        return node is null ? null
            : node as JsonObject ?? throw new NswgFormatException($"'{key}' must be an object, not {Kind(node)}");
    }

    /// <summary>A number, returned as the original node so its exact text survives ("6.5", "5", "5.0").</summary>
    public static JsonNode? OptionalNumber(JsonObject entry, string key)
    {
        var node = Get(entry, key);
        return node is null || node.GetValueKind() == JsonValueKind.Number ? node
            : throw new NswgFormatException($"'{key}' must be a number, not {Kind(node)}");
    }

    public static long RequiredInteger(JsonObject entry, string key)
    {
        var node = Get(entry, key) ?? throw new NswgFormatException($"'{key}' is missing");
        return node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<long>(out var value)
            && value >= 0
            ? value
            : throw new NswgFormatException($"'{key}' must be a non-negative integer, not {node.ToJsonString()}");
    }

    public static DateTimeOffset? OptionalDate(JsonObject entry, string key)
    {
        var text = OptionalString(entry, key);
        return text is null ? null
            : NswgFormat.TryParseDate(text, out var value) ? value
            : throw new NswgFormatException($"'{key}' is not a date: '{text}'");
    }

    private static JsonNode? Get(JsonObject entry, string key) =>
        entry.TryGetPropertyValue(key, out var node) ? node : null;

    private static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "true/false",
    };
}
