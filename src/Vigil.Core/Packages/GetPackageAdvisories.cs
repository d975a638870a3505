using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Audit;
using Vigil.Core.Data;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Osv;
using StoredAffected = Vigil.Core.Advisories.Osv.OsvAffected;

namespace Vigil.Core.Packages;

/// <summary>One advisory's entry for a package; <see cref="AffectsVersion"/> answers the asked version (null: none
/// asked, or withdrawn).</summary>
public sealed record PackageAdvisory(
    string Id, string? Summary, AdvisorySeverity Severity, double? CvssScore, DateTimeOffset? Published,
    DateTimeOffset? Withdrawn,
    string? NpmRange, string? FixedVersion, StoredAffected Affected, bool? AffectsVersion);

/// <param name="VersionProblem">Why the asked version cannot be checked (it does not parse in the ecosystem's order),
/// else null.</param>
public sealed record PackageAdvisories(
    string Ecosystem, string Name, string? Version, string? VersionProblem, IReadOnlyList<PackageAdvisory> Advisories)
{
    public IEnumerable<PackageAdvisory> Affecting => Advisories.Where(a => a.AffectsVersion == true);
}

/// <summary>
/// Every advisory that names a package (newest publication first), and whether a version is affected,
/// evaluated exactly as the audit does (<see cref="AffectedMatcher"/> by <see cref="AffectedRule"/>: node-semver for
/// npm, OSV evaluation otherwise). Withdrawn advisories are listed but never affect a version.
/// </summary>
public sealed class GetPackageAdvisories(VigilDbContext db)
{
    public async Task<PackageAdvisories> ExecuteAsync(
        string ecosystem, string name, string? version, CancellationToken cancellationToken = default)
    {
        version = string.IsNullOrWhiteSpace(version) ? null : version.Trim();
        var rows = await db.AffectedPackages.AsNoTracking()
            .Where(p => p.Name == name && p.Ecosystem == ecosystem)
            .Join(db.Advisories, p => p.AdvisoryNumber, a => a.Number, (p, a) => new
            {
                p.AdvisoryNumber,
                p.Index,
                p.NpmRange,
                p.FixedVersion,
                p.AffectedJson,
                a.Id,
                a.Summary,
                a.Severity,
                a.CvssScore,
                a.Published,
                a.Withdrawn,
            })
            .ToListAsync(cancellationToken);

        var problem = version is null ? null : VersionProblem(ecosystem, version);
        var matcher = new AffectedMatcher();
        var advisories = rows
            .OrderBy(r => r.Published is null)
            .ThenByDescending(r => r.Published)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ThenBy(r => r.Index)
            .Select(r => new PackageAdvisory(
                r.Id, r.Summary, r.Severity, r.CvssScore, r.Published, r.Withdrawn, r.NpmRange, r.FixedVersion,
                JsonSerializer.Deserialize<StoredAffected>(r.AffectedJson, OsvJson.Options)!,
                version is null || problem is not null || r.Withdrawn is not null ? null
                    : matcher.Affects(
                        new AffectedRow(
                            r.AdvisoryNumber, r.Index, ecosystem, name, r.NpmRange, r.FixedVersion, r.AffectedJson),
                        version)))
            .ToList();
        return new PackageAdvisories(ecosystem, name, version, problem, advisories);
    }

    private static string? VersionProblem(string ecosystem, string version)
    {
        var readable = ecosystem == "npm"
            ? NpmVersion.TryParse(version, NpmSemverOptions.NpmAudit, out _)
            : OsvVersionOrder.For(ecosystem, OsvRange.Ecosystem).TryParse(version, out _);
        return readable ? null : $"'{version}' is not a valid {ecosystem} version.";
    }
}
