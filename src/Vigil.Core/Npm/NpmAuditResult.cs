namespace Vigil.Core.Npm;

/// <summary>The npm 6 audit report (docs/api.md): advisories with findings, actions, counts.</summary>
public sealed record NpmAuditResult(
    IReadOnlyList<NpmAuditAdvisory> Advisories,
    IReadOnlyList<NpmAuditAction> Actions,
    IReadOnlyDictionary<string, int> Vulnerabilities,
    NpmAuditCounts Counts);

/// <summary>
/// One advisory of the report: the bulk advisory (same id, so npm's cache keys agree on both paths) plus
/// what the v6 format adds. <see cref="PatchedVersions"/> is the complement of the vulnerable range.
/// </summary>
public sealed record NpmAuditAdvisory(
    NpmBulkAdvisory Advisory, string ModuleName, IReadOnlyList<NpmAuditFinding> Findings, string PatchedVersions,
    string Overview, string Recommendation, string References, IReadOnlyList<string> Cves, string? GhsaId,
    DateTimeOffset Created, DateTimeOffset Updated, string FoundBy, string ReportedBy);

/// <summary>An installed version the advisory covers and every path (<c>a&gt;b&gt;c</c>) it is installed at.</summary>
public sealed record NpmAuditFinding(string Version, IReadOnlyList<string> Paths);

/// <summary>
/// A <c>review</c> action: Vigil does not know the upstream versions, so it cannot pick an upgrade; yarn 1
/// prints only advisories that some action resolves.
/// </summary>
public sealed record NpmAuditAction(string Module, IReadOnlyList<NpmAuditResolve> Resolves);

public sealed record NpmAuditResolve(long Id, string Path, bool Dev, bool Optional, bool Bundled);

/// <summary>Each node of the posted tree counted once: dev, else optional, else a dependency.</summary>
public sealed record NpmAuditCounts(int Dependencies, int DevDependencies, int OptionalDependencies)
{
    public int Total => Dependencies + DevDependencies + OptionalDependencies;
}
