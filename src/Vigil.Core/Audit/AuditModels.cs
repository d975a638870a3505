using Vigil.Core.Advisories;

namespace Vigil.Core.Audit;

/// <summary>What to audit. <see cref="Level"/> only decides the exit status; every finding is reported.</summary>
public sealed record AuditOptions(
    AdvisorySeverity Level = AdvisorySeverity.Info,
    bool OmitDev = false,
    bool OmitOptional = false);

/// <summary>One advisory affecting one installed (package, version), with every path that installs it.</summary>
public sealed record AuditFinding(
    string Id,
    IReadOnlyList<string> Aliases,
    string Ecosystem,
    string Package,
    string Version,
    AdvisorySeverity Severity,
    double? CvssScore,
    string? CvssVector,
    string? Summary,
    string? VulnerableRange,
    string? FixedVersion,
    IReadOnlyList<string> Paths,
    bool Dev,
    IReadOnlyList<string> Lockfiles);

public sealed record AuditedLockfile(string Path, string Format, int Packages);

public sealed record AuditReport(
    IReadOnlyList<AuditedLockfile> Lockfiles,
    IReadOnlyList<AuditFinding> Findings,
    int PackagesAudited,
    AuditOptions Options)
{
    public int Count(AdvisorySeverity severity) => Findings.Count(f => f.Severity == severity);

    /// <summary>Like <c>npm audit</c>: failing when a finding is at or above the audit level.</summary>
    public bool FailsAt(AdvisorySeverity level) =>
        Findings.Any(f => f.Severity >= level
            || f.Severity == AdvisorySeverity.Unknown && level <= AdvisorySeverity.High);
}
