using System.Text.Json.Serialization;

namespace Vigil.Cli.Output.Sarif;

// The subset of SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/) that vigil audit writes.
// Typed records instead of the Sarif.Sdk object model: that package does not restore on .NET 10 here,
// and these dozen records are all a dependency report needs. Property names are the spec's (camelCase).

internal sealed record SarifLog(
    [property: JsonPropertyName("$schema")] string Schema,
    string Version,
    IReadOnlyList<SarifRun> Runs);

internal sealed record SarifRun(
    SarifTool Tool, IReadOnlyList<SarifResult> Results, IReadOnlyList<SarifInvocation> Invocations);

internal sealed record SarifTool(SarifToolComponent Driver);

internal sealed record SarifToolComponent(
    string Name,
    string Version,
    string SemanticVersion,
    IReadOnlyList<SarifReportingDescriptor> Rules);

/// <summary>§3.49 reportingDescriptor: one per advisory.</summary>
internal sealed record SarifReportingDescriptor(
    string Id,
    SarifMessageString ShortDescription,
    SarifMessageString? FullDescription,
    string? HelpUri,
    SarifMessageString? Help,
    SarifRuleProperties Properties);

internal sealed record SarifMessageString(string Text, string? Markdown = null);

/// <summary>
/// GitHub code scanning reads <c>security-severity</c> (a CVSS-like score as a string) and needs the
/// <c>security</c> tag to show a result as a security alert.
/// </summary>
internal sealed record SarifRuleProperties(
    [property: JsonPropertyName("security-severity")] string? SecuritySeverity,
    IReadOnlyList<string> Tags,
    [property: JsonPropertyName("precision")] string Precision = "very-high");

/// <summary>§3.27 result: one per finding per lockfile.</summary>
internal sealed record SarifResult(
    string RuleId,
    int RuleIndex,
    string Level,
    SarifMessage Message,
    IReadOnlyList<SarifLocation> Locations,
    IReadOnlyDictionary<string, string> PartialFingerprints);

internal sealed record SarifMessage(string Text);

internal sealed record SarifLocation(SarifPhysicalLocation PhysicalLocation);

internal sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, SarifRegion Region);

internal sealed record SarifArtifactLocation(string Uri);

internal sealed record SarifRegion(int StartLine);

/// <summary>§3.20 invocation: lockfiles that could not be read are reported here, so a partial audit says so.</summary>
internal sealed record SarifInvocation(
    bool ExecutionSuccessful, IReadOnlyList<SarifNotification> ToolExecutionNotifications);

internal sealed record SarifNotification(string Level, SarifMessage Message, IReadOnlyList<SarifLocation> Locations);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(SarifLog))]
internal sealed partial class SarifJsonContext : JsonSerializerContext;
