using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Versioning.Npm;

namespace Vigil.Versioning.Tests.Support;

/// <summary>
/// node-semver's options convention (<c>internal/parse-options.js</c>): falsy → <c>{}</c>; any other
/// non-object → <c>{loose:true}</c>; an object's flags are tested for truthiness.
/// </summary>
public static class NodeOptions
{
    public static NpmSemverOptions From(JsonNode? options) => options switch
    {
        null => default,
        JsonObject o => new NpmSemverOptions(IsTruthy(o["loose"]), IsTruthy(o["includePrerelease"])),
        _ => IsTruthy(options) ? new NpmSemverOptions(Loose: true) : default,
    };

    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>() != 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length > 0,
        _ => true,
    };

    public static string? Text(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
