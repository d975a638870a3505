using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Core.Audit;

/// <summary>
/// The parts of a stored OSV document an audit report shows besides its finding rows: the long
/// description and the references (OSV schema § details, § references). Read through a
/// source-generated context that skips every other field: deserializing whole documents by reflection
/// for thousands of findings was a quarter of a dense audit's time (docs/performance.md, benchmark b).
/// </summary>
public sealed record AdvisoryLinkFields(string? Details, IReadOnlyList<AdvisoryReferenceFields>? References)
{
    internal static AdvisoryLinkFields Parse(string document) =>
        JsonSerializer.Deserialize(document, AdvisoryLinkJson.Default.AdvisoryLinkFields)
        ?? throw new JsonException("The stored document is null, not an OSV object.");
}

/// <summary>One OSV reference: its <c>type</c> (ADVISORY, WEB, …) and <c>url</c>.</summary>
public sealed record AdvisoryReferenceFields(string? Type, string? Url);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AdvisoryLinkFields))]
internal sealed partial class AdvisoryLinkJson : JsonSerializerContext;
