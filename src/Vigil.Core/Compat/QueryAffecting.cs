using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Audit;
using Vigil.Core.Data;

namespace Vigil.Core.Compat;

/// <summary>
/// Which advisories affect each queried package version, with exactly the audit's matching
/// (<see cref="AffectedMatcher"/>: npm ranges with npm audit's semver options, other ecosystems by OSV
/// evaluation). Answers a whole batch from one read; results keep the queries' order.
/// </summary>
public sealed class QueryAffecting(VigilDbContext db)
{
    public async Task<IReadOnlyList<IReadOnlyList<AffectingMatch>>> ExecuteAsync(
        IReadOnlyList<PackageQuery> queries, CancellationToken cancellationToken = default)
    {
        var names = queries.Select(q => q.Name).Distinct(StringComparer.Ordinal).ToList();
        var candidates = names.Count == 0 ? [] : await CandidateQuery.CandidatesAsync(db, names, cancellationToken);
        var byName = candidates.ToLookup(c => c.Name, StringComparer.Ordinal);
        var matcher = new AffectedMatcher();
        var results = new List<IReadOnlyList<AffectingMatch>>(queries.Count);
        foreach (var query in queries)
        {
            results.Add(byName[query.Name]
                .Where(c => query.Ecosystem is null || c.Ecosystem == query.Ecosystem)
                .Where(c => query.Versions is null || query.Versions.Any(v => matcher.Affects(c, v)))
                .OrderBy(c => c.Id, StringComparer.Ordinal)
                .ThenBy(c => c.Index)
                .Select(c => new AffectingMatch(c.AdvisoryNumber, c.Index, c.Id, c.Modified, c.Ecosystem,
                    c.Name, c.NpmRange, c.Severity, c.CvssScore, c.CvssVector, c.Summary, c.FixedVersion))
                .ToList());
        }
        return results;
    }

    /// <summary>The stored OSV documents of the given advisories, by number (one read).</summary>
    public async Task<Dictionary<long, OsvVulnerability>> DocumentsAsync(IEnumerable<long> numbers, CancellationToken cancellationToken = default)
    {
        var wanted = numbers.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        var rows = await db.Advisories.AsNoTracking()
            .Where(a => wanted.Contains(a.Number))
            .Select(a => new { a.Number, a.Document })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Number, r => OsvJson.Deserialize(r.Document));
    }
}
