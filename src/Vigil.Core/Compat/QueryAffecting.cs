using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Versioning.Npm;

namespace Vigil.Core.Compat;

/// <summary>
/// Which advisories affect each queried package version, with exactly the audit's matching
/// (<see cref="AffectedMatcher"/>: npm ranges with npm audit's semver options, other ecosystems by OSV
/// evaluation). Answers a whole batch from one read; results keep the queries' order.
/// </summary>
public sealed class QueryAffecting(VigilDbContext db, AffectedIndex index)
{
    public async Task<IReadOnlyList<IReadOnlyList<AffectingMatch>>> ExecuteAsync(
        IReadOnlyList<PackageQuery> queries, CancellationToken cancellationToken = default)
    {
        var snapshot = await index.CurrentAsync(cancellationToken);
        var npmVersions = new Dictionary<string, NpmVersion?>(StringComparer.Ordinal);
        var results = new List<IReadOnlyList<AffectingMatch>>(queries.Count);
        foreach (var query in queries)
        {
            var rows = snapshot.ForName(query.Name);
            if (rows.Length == 0)
            {
                results.Add([]);
                continue;
            }
            var versions = query.Versions is { } requested ? NpmVersionsOf(npmVersions, requested) : null;
            List<AffectingMatch>? matches = null;
            foreach (var row in rows)
            {
                if ((query.Ecosystem is null || row.Row.Ecosystem == query.Ecosystem) && (versions is null || AffectsAny(row, versions)))
                {
                    (matches ??= []).Add(row.Match);
                }
            }
            results.Add((IReadOnlyList<AffectingMatch>?)matches ?? []);
        }
        return results;
    }

    private static (string Text, NpmVersion? Npm)[] NpmVersionsOf(Dictionary<string, NpmVersion?> parsed, IReadOnlyList<string> versions)
    {
        var result = new (string, NpmVersion?)[versions.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (versions[i], NpmVersionOf(parsed, versions[i]));
        }
        return result;
    }

    private static bool AffectsAny(IndexedAffected row, (string Text, NpmVersion? Npm)[] versions)
    {
        foreach (var (text, npm) in versions)
        {
            if (row.Affects(text, npm))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The CWE ids of the given advisories (npm's bulk answer needs only these).</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> CweAsync(IEnumerable<long> numbers, CancellationToken cancellationToken = default) =>
        await (await index.CurrentAsync(cancellationToken)).CweAsync(db, numbers, cancellationToken);

    private static NpmVersion? NpmVersionOf(Dictionary<string, NpmVersion?> parsed, string version)
    {
        if (!parsed.TryGetValue(version, out var result))
        {
            result = NpmVersion.TryParse(version, NpmSemverOptions.NpmAudit, out var v) ? v : null;
            parsed.Add(version, result);
        }
        return result;
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
