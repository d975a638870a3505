using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Core.Advisories.Osv;

/// <summary>Serializer settings for OSV documents: snake_case names, absent nulls, RFC 3339 UTC times.</summary>
public static class OsvJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    public static string Serialize(OsvVulnerability vulnerability, bool indented = false) =>
        JsonSerializer.Serialize(vulnerability, indented ? Indented : Options);

    public static OsvVulnerability Deserialize(string json) =>
        JsonSerializer.Deserialize<OsvVulnerability>(json, Options)
        ?? throw new JsonException("The document is null, not an OSV object.");

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = 64,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new Rfc3339Converter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>OSV timestamps: "RFC3339 format, UTC, ending in Z" (schema § modified); fractional seconds
    /// kept.</summary>
    private sealed class Rfc3339Converter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(
            ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            {
                throw new JsonException($"'{text}' is not an RFC 3339 timestamp.");
            }
            return value;
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Format(value));
    }

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
