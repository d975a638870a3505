using System.Text.Json.Serialization;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Audit;

/// <summary>
/// Reads a stored <c>affected</c> entry with <see cref="OsvJson.Options"/>'s settings through generated
/// code: the native <c>vigil</c> cannot deserialize by reflection, and a generated reader starts faster.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 64,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(OsvAffected))]
internal sealed partial class OsvAffectedJson : JsonSerializerContext;
