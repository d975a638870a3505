using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Core.Advisories;
using Vigil.Core.Audit;

namespace Vigil.Cli.Output;

/// <summary>
/// <c>vigil audit --json</c>: one JSON object with snake_case keys in a fixed order, findings in
/// <see cref="FindingOrder"/>, so the output diffs cleanly between runs (docs/cli.md shows the shape).
/// Serialized through a source-generated context: reflection-based metadata cost every run start-up time.
/// </summary>
internal static partial class AuditJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // Ranges and paths are full of '<', '>' and '&': keep them readable instead of \u003C.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = AuditJsonContext.Default,
    };

    public static string Write(AuditResult result) => JsonSerializer.Serialize(ToJson(result), TypeInfo);

    /// <summary>The same document, streamed as UTF-8 (stdout).</summary>
    public static Task WriteAsync(Stream utf8, AuditResult result, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(utf8, ToJson(result), TypeInfo, cancellationToken);

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<AuditJson> TypeInfo =>
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<AuditJson>)Options.GetTypeInfo(typeof(AuditJson));

    private static AuditJson ToJson(AuditResult result)
    {
        var report = result.Report;
        var findings = result.Findings.Select(f => new FindingJson(
            f.Id,
            f.Aliases,
            f.Ecosystem,
            f.Package,
            f.Version,
            f.Severity.ToNpmWord(),
            f.CvssScore is null && f.CvssVector is null ? null : new CvssJson(f.CvssScore, f.CvssVector),
            f.Summary,
            f.VulnerableRange,
            f.FixedVersion,
            f.Paths,
            f.Dev,
            [.. f.Lockfiles.Select(result.Display)])).ToList();
        var counts = new CountsJson(
            report.Count(AdvisorySeverity.Info),
            report.Count(AdvisorySeverity.Low),
            report.Count(AdvisorySeverity.Moderate),
            report.Count(AdvisorySeverity.High),
            report.Count(AdvisorySeverity.Critical),
            report.Count(AdvisorySeverity.Unknown),
            report.Findings.Count);
        return new AuditJson(
            [.. report.Lockfiles.Select(l => new LockfileJson(result.Display(l.Path), l.Format, l.Packages))],
            findings,
            new MetadataJson(counts, report.PackagesAudited),
            [.. result.Errors.Select(e => new ErrorJson(result.Display(e.FilePath), e.Line, e.Reason))])
        {
            RuntimeEndOfLife = result.EndedRuntime is { } ended
                ? new EndOfLifeJson(ended.Version, ended.Line,
                    ended.EndOfLife.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                : null,
        };
    }

    internal sealed record AuditJson(IReadOnlyList<LockfileJson> Lockfiles, IReadOnlyList<FindingJson> Findings,
        MetadataJson Metadata, IReadOnlyList<ErrorJson> Errors)
    {
        /// <summary>Present only when the project's Node.js release line has reached its end of life.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public EndOfLifeJson? RuntimeEndOfLife { get; init; }
    }

    internal sealed record EndOfLifeJson(string Version, string Line, string Date);

    internal sealed record LockfileJson(string Path, string Format, int Packages);

    internal sealed record FindingJson(
        string Id,
        IReadOnlyList<string> Aliases,
        string Ecosystem,
        string Package,
        string Version,
        string Severity,
        CvssJson? Cvss,
        string? Title,
        string? VulnerableVersions,
        string? Fixed,
        IReadOnlyList<string> Paths,
        bool Dev,
        IReadOnlyList<string> Lockfiles);

    internal sealed record CvssJson(double? Score, string? Vector);

    internal sealed record MetadataJson(CountsJson Vulnerabilities, int Packages);

    internal sealed record CountsJson(int Info, int Low, int Moderate, int High, int Critical, int Unknown, int Total);

    internal sealed record ErrorJson(string File, int? Line, string Message);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
    [JsonSerializable(typeof(AuditJson))]
    private sealed partial class AuditJsonContext : JsonSerializerContext;
}
