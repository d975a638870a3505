using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Npm;
using OsvNuGetRanges = Vigil.Versioning.Osv.OsvNuGetRanges;

namespace Vigil.Core.NuGet;

/// <summary>
/// One entry of a NuGet vulnerability page: an advisory's NuGet severity (0–3) and one vulnerable range.
/// </summary>
public sealed record NuGetVulnerability(string AdvisoryId, int Severity, string Versions);

/// <summary>
/// The whole NuGet vulnerability data: entries per lowercase package id (ordinal order), and
/// <see cref="Updated"/>, the latest <c>modified</c> of any NuGet advisory (withdrawn ones too: a
/// withdrawal changes the data); null when there is none.
/// </summary>
public sealed record NuGetVulnerabilityData(
    IReadOnlyDictionary<string, IReadOnlyList<NuGetVulnerability>> Packages, DateTimeOffset? Updated);

/// <summary>
/// What NuGet's VulnerabilityInfo resource serves: every non-withdrawn advisory with an
/// <c>affected[]</c> entry of ecosystem NuGet, as one entry per vulnerable NuGet range
/// (<see cref="OsvNuGetRanges"/>; an advisory whose ranges have several intervals gets several entries).
/// Severity: low 0, moderate 1, high 2, critical 3; info counts as low, and an advisory without any
/// severity as high (the default npm applies to the same advisory, see <see cref="NpmBulkAdvisories"/>).
/// </summary>
public sealed class NuGetVulnerabilities(VigilDbContext db)
{
    public const string Ecosystem = "NuGet";

    public async Task<NuGetVulnerabilityData> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.AffectedPackages.AsNoTracking()
            .Where(p => p.Ecosystem == Ecosystem)
            .Join(db.Advisories, p => p.AdvisoryNumber, a => a.Number,
                (p, a) => new { a.Id, a.Severity, a.Modified, a.Withdrawn, p.Name, p.AffectedJson })
            .ToListAsync(cancellationToken);

        var packages = new SortedDictionary<string, SortedSet<NuGetVulnerability>>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.Withdrawn is null))
        {
            var affected = JsonSerializer.Deserialize<Advisories.Osv.OsvAffected>(row.AffectedJson, OsvJson.Options);
            if (affected is null)
            {
                continue;
            }
            var key = row.Name.ToLowerInvariant(); // the server API: "should be lowercase with String.ToLowerInvariant"
            foreach (var range in OsvNuGetRanges.ToVersionRanges(AffectedRanges.ToEvaluation(affected)))
            {
                if (!packages.TryGetValue(key, out var entries))
                {
                    packages[key] = entries = new SortedSet<NuGetVulnerability>(EntryOrder);
                }
                entries.Add(new NuGetVulnerability(row.Id, Severity(row.Severity), range.ToNormalizedString()));
            }
        }

        return new NuGetVulnerabilityData(
            packages.ToDictionary(
                p => p.Key, p => (IReadOnlyList<NuGetVulnerability>)p.Value.ToList(), StringComparer.Ordinal),
            rows.Count == 0 ? null : rows.Max(r => r.Modified));
    }

    public static int Severity(AdvisorySeverity severity) => severity switch
    {
        AdvisorySeverity.Info or AdvisorySeverity.Low => 0,
        AdvisorySeverity.Moderate => 1,
        AdvisorySeverity.Critical => 3,
        _ => 2,
    };

    private static readonly Comparer<NuGetVulnerability> EntryOrder = Comparer<NuGetVulnerability>.Create((a, b) =>
        string.CompareOrdinal(a.AdvisoryId, b.AdvisoryId) is var c and not 0 ? c
            : string.CompareOrdinal(a.Versions, b.Versions));
}
