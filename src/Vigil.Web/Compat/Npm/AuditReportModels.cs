using System.Text.Json.Serialization;
using Vigil.Core.Npm;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// The npm 6 audit report, fields and order as in the registry's recorded responses
/// (the public registry's answers to /audits and /audits/quick). npm 10 reads
/// <c>advisories[*]</c>; pnpm ≤ 10 also <c>findings</c>, <c>metadata</c>, <c>cves</c>, <c>github_advisory_id</c>;
/// yarn 1 <c>actions[].resolves</c>.
/// </summary>
public sealed record AuditReport(
    [property: JsonPropertyName("actions")] IReadOnlyList<AuditAction> Actions,
    [property: JsonPropertyName("advisories")] IReadOnlyDictionary<string, AuditAdvisory> Advisories,
    [property: JsonPropertyName("muted")] IReadOnlyList<object> Muted,
    [property: JsonPropertyName("metadata")] AuditMetadata Metadata)
{
    public static AuditReport From(NpmAuditResult result, string baseUrl) => new(
        result.Actions.Select(a => new AuditAction("review", a.Module,
            a.Resolves.Select(r => new AuditResolve(r.Id, r.Path, r.Dev, r.Optional, r.Bundled)).ToList())).ToList(),
        result.Advisories.ToDictionary(a => a.Advisory.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            a => AuditAdvisory.From(a, baseUrl), StringComparer.Ordinal),
        [],
        new AuditMetadata(result.Vulnerabilities, result.Counts.Dependencies, result.Counts.DevDependencies,
            result.Counts.OptionalDependencies, result.Counts.Total));
}

public sealed record AuditAction(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("module")] string Module,
    [property: JsonPropertyName("resolves")] IReadOnlyList<AuditResolve> Resolves);

public sealed record AuditResolve(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("dev")] bool Dev,
    [property: JsonPropertyName("optional")] bool Optional,
    [property: JsonPropertyName("bundled")] bool Bundled);

public sealed record AuditAdvisory(
    [property: JsonPropertyName("findings")] IReadOnlyList<AuditFinding> Findings,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("updated")] string Updated,
    [property: JsonPropertyName("deleted")] string? Deleted,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("found_by")] AuditPerson FoundBy,
    [property: JsonPropertyName("reported_by")] AuditPerson ReportedBy,
    [property: JsonPropertyName("module_name")] string ModuleName,
    [property: JsonPropertyName("cves")] IReadOnlyList<string> Cves,
    [property: JsonPropertyName("vulnerable_versions")] string VulnerableVersions,
    [property: JsonPropertyName("patched_versions")] string PatchedVersions,
    [property: JsonPropertyName("overview")] string Overview,
    [property: JsonPropertyName("recommendation")] string Recommendation,
    [property: JsonPropertyName("references")] string References,
    [property: JsonPropertyName("access")] string Access,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("cwe")] string Cwe,
    [property: JsonPropertyName("metadata")] AuditAdvisoryMetadata Metadata,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("github_advisory_id"),
        JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GithubAdvisoryId)
{
    public static AuditAdvisory From(NpmAuditAdvisory advisory, string baseUrl)
    {
        var bulk = BulkAdvisory.From(advisory.Advisory, baseUrl);
        return new(
            advisory.Findings.Select(f => new AuditFinding(f.Version, f.Paths)).ToList(),
            bulk.Id, Instant(advisory.Created), Instant(advisory.Updated), null, bulk.Title,
            new AuditPerson("", advisory.FoundBy), new AuditPerson("", advisory.ReportedBy),
            advisory.ModuleName, advisory.Cves, bulk.VulnerableVersions, advisory.PatchedVersions,
            advisory.Overview, advisory.Recommendation, advisory.References, "public", bulk.Severity,
            // The registry's v6 advisories carry one CWE as a string ("CWE-471").
            string.Join(", ", bulk.Cwe),
            new AuditAdvisoryMetadata("", 0, ""), bulk.Url, advisory.GhsaId);
    }

    private static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record AuditFinding(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("paths")] IReadOnlyList<string> Paths);

public sealed record AuditPerson(
    [property: JsonPropertyName("link")] string Link,
    [property: JsonPropertyName("name")] string Name);

/// <summary>Vigil keeps no exploitability score: 0 and empty strings keep the registry's shape.</summary>
public sealed record AuditAdvisoryMetadata(
    [property: JsonPropertyName("module_type")] string ModuleType,
    [property: JsonPropertyName("exploitability")] int Exploitability,
    [property: JsonPropertyName("affected_components")] string AffectedComponents);

public sealed record AuditMetadata(
    [property: JsonPropertyName("vulnerabilities")] IReadOnlyDictionary<string, int> Vulnerabilities,
    [property: JsonPropertyName("dependencies")] int Dependencies,
    [property: JsonPropertyName("devDependencies")] int DevDependencies,
    [property: JsonPropertyName("optionalDependencies")] int OptionalDependencies,
    [property: JsonPropertyName("totalDependencies")] int TotalDependencies);
