using Vigil.Cli.Output;
using Vigil.Core.Advisories;
using Vigil.Core.Audit;

namespace Vigil.Cli.Tests.Output;

/// <summary>Hand-built findings and reports, so the output formats are tested without a database.</summary>
internal static class Findings
{
    public const string Root = "/work/project";

    public static AuditFinding Make(
        string id = "TEST-1",
        string package = "left-pad",
        string version = "1.0.0",
        AdvisorySeverity severity = AdvisorySeverity.High,
        string ecosystem = "npm",
        double? score = null,
        string? vector = null,
        string? fixedVersion = null,
        bool dev = false,
        string[]? aliases = null,
        string[]? paths = null,
        string[]? lockfiles = null) =>
        new(id, aliases ?? [], ecosystem, package, version, severity, score, vector, $"Summary of {id}", "<9.9.9",
            fixedVersion,
            paths ?? [package], dev, lockfiles ?? [$"{Root}/package-lock.json"]);

    public static AuditResult Result(params AuditFinding[] findings) =>
        AuditResult.Create(
            new AuditReport([new AuditedLockfile($"{Root}/package-lock.json", "package-lock.json v3", 10)], findings,
                10, new AuditOptions()),
            [], Root, new Dictionary<string, AdvisoryLinks>());
}
