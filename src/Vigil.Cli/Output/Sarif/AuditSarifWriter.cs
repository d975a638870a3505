using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Vigil.Core.Advisories;
using Vigil.Core.Audit;

namespace Vigil.Cli.Output.Sarif;

/// <summary>
/// <c>vigil audit --sarif</c>: a SARIF 2.1.0 log for CI code scanning. Each advisory is a rule; each
/// finding in each lockfile is a result located at that lockfile (line 1: lockfile readers give no
/// line per package), with a fingerprint so re-runs update the same alert instead of adding one.
/// </summary>
internal static class AuditSarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string FingerprintKey = "vigilFinding/v1";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Generated code, not reflection: the native vigil has no reflection-based serializer.
        TypeInfoResolver = SarifJsonContext.Default,
    };

    public static string Write(AuditResult result, string toolVersion)
    {
        var rules = new List<SarifReportingDescriptor>();
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var results = new List<SarifResult>();
        foreach (var finding in result.Findings)
        {
            if (!ruleIndex.TryGetValue(finding.Id, out var index))
            {
                index = ruleIndex[finding.Id] = rules.Count;
                rules.Add(Rule(finding, result.Links(finding.Id)));
            }
            foreach (var lockfile in finding.Lockfiles)
            {
                var uri = Uri(result.Display(lockfile));
                results.Add(new SarifResult(
                    finding.Id,
                    index,
                    Level(finding.Severity),
                    new SarifMessage(Message(finding)),
                    [new SarifLocation(new SarifPhysicalLocation(new SarifArtifactLocation(uri), new SarifRegion(1)))],
                    new Dictionary<string, string> { [FingerprintKey] = Fingerprint(finding, uri) }));
            }
        }
        var notifications = result.Errors.Select(error => new SarifNotification(
            "error",
            new SarifMessage(error.Reason),
            [new SarifLocation(new SarifPhysicalLocation(
                new SarifArtifactLocation(Uri(result.Display(error.FilePath))), new SarifRegion(error.Line ?? 1)))]))
            .ToList();
        var driver = new SarifToolComponent("vigil", toolVersion, toolVersion, rules);
        var run = new SarifRun(
            new SarifTool(driver), results, [new SarifInvocation(notifications.Count == 0, notifications)]);
        return JsonSerializer.Serialize(
            new SarifLog(SchemaUri, "2.1.0", [run]), (JsonTypeInfo<SarifLog>)Options.GetTypeInfo(typeof(SarifLog)));
    }

    /// <summary>Code scanning's convention: error for high and critical, warning for moderate, note below.</summary>
    public static string Level(AdvisorySeverity severity) => severity switch
    {
        AdvisorySeverity.Critical or AdvisorySeverity.High => "error",
        AdvisorySeverity.Moderate or AdvisorySeverity.Unknown => "warning",
        _ => "note",
    };

    /// <summary>
    /// GitHub maps security-severity to its levels (over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium,
    /// 0.1–3.9 low). The CVSS base score when there is one; else a score in the middle of the word's band.
    /// </summary>
    public static string? SecuritySeverity(AdvisorySeverity severity, double? cvssScore)
    {
        var score = cvssScore ?? severity switch
        {
            AdvisorySeverity.Critical => 9.5,
            AdvisorySeverity.High => 8.0,
            AdvisorySeverity.Moderate => 5.5,
            AdvisorySeverity.Low => 2.0,
            _ => (double?)null,
        };
        return score?.ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static SarifReportingDescriptor Rule(AuditFinding finding, AdvisoryLinks links)
    {
        var title = finding.Summary ?? $"{finding.Package} vulnerability";
        var name = finding.Aliases.Count == 0 ? finding.Id : $"{finding.Id} ({string.Join(", ", finding.Aliases)})";
        var help = string.IsNullOrWhiteSpace(links.Details) ? title : links.Details.Trim();
        return new SarifReportingDescriptor(
            finding.Id,
            new SarifMessageString(title),
            new SarifMessageString($"{name}: {title}"),
            links.Url,
            new SarifMessageString(help),
            new SarifRuleProperties(SecuritySeverity(finding.Severity, finding.CvssScore),
                ["security", "vulnerability", "dependency", finding.Ecosystem]));
    }

    private static string Message(AuditFinding finding)
    {
        var text = new StringBuilder($"{finding.Package}@{finding.Version} is affected by {finding.Id}");
        if (finding.Aliases.Count > 0)
        {
            text.Append($" ({string.Join(", ", finding.Aliases)})");
        }
        text.Append($" [{finding.Severity.ToNpmWord()}]");
        if (finding.Summary is { } summary)
        {
            text.Append($": {summary.TrimEnd('.')}");
        }
        text.Append(finding.FixedVersion is { } fix ? $". Fixed in {fix}." : ". No fixed version is available.");
        if (finding.Paths.Count > 0)
        {
            text.Append($" Installed through {string.Join(", ", finding.Paths.Take(3))}"
                + $"{(finding.Paths.Count > 3 ? ", …" : "")}.");
        }
        return text.ToString();
    }

    /// <summary>
    /// Stable across runs and machines: advisory, package, version and lockfile (by its path relative to the audited
    /// root).
    /// </summary>
    private static string Fingerprint(AuditFinding finding, string uri)
    {
        var key = string.Join('\n', finding.Id, finding.Ecosystem, finding.Package, finding.Version, uri);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private static string Uri(string relativePath) =>
        string.Join('/', relativePath.Split('/').Select(System.Uri.EscapeDataString));
}
