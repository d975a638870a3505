using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Core.Matching;

/// <summary>
/// Which advisories affect each queried package version, with exactly the audit's matching
/// (<see cref="Audit.AffectedRule"/>: npm ranges with npm audit's semver options, other ecosystems by OSV
/// evaluation). Answers a whole batch from one read; results keep the queries' order.
/// </summary>
public sealed class QueryAffecting(VigilDbContext db, AffectedIndex index)
{
    public async Task<IReadOnlyList<IReadOnlyList<AffectingMatch>>> ExecuteAsync(
        IReadOnlyList<PackageQuery> queries, CancellationToken cancellationToken = default) =>
        Match(await index.CurrentAsync(cancellationToken), queries);

    /// <summary>The current snapshot, for a caller that matches and renders against one load of the data.</summary>
    public ValueTask<AffectedSnapshot> SnapshotAsync(CancellationToken cancellationToken = default) =>
        index.CurrentAsync(cancellationToken);

    /// <summary>
    /// The matching itself, synchronous so the loop is compiled as a plain method rather than inside the
    /// async state machine. A query for given versions of a given ecosystem (every npm bulk and OSV
    /// querybatch query) is answered from the snapshot's <see cref="VersionMatches"/>.
    /// </summary>
    public static IReadOnlyList<AffectingMatch>[] Match(AffectedSnapshot snapshot, IReadOnlyList<PackageQuery> queries)
    {
        var results = new IReadOnlyList<AffectingMatch>[queries.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var query = queries[i];
            var rows = snapshot.ForQuery(query.Ecosystem, query.Name);
            results[i] = rows.Length == 0 ? []
                : query is { Ecosystem: { } ecosystem, Versions: { } versions }
                    ? ForVersions(snapshot.VersionMatches, ecosystem, query.Name, versions, rows)
                : Scan(rows, query.Ecosystem, query.Versions);
        }
        return results;
    }

    private static IReadOnlyList<AffectingMatch> ForVersions(
        VersionMatches cache, string ecosystem, string name, IReadOnlyList<string> versions, IndexedAffected[] rows)
    {
        if (versions.Count <= 1)
        {
            return versions.Count == 0 ? [] : cache.Get(ecosystem, name, versions[0], rows);
        }
        // Several versions: each version's matches are an ordered subsequence of the rows' matches, so one
        // pass over the rows with a cursor per version gives their union in the rows' order. Each version's matches
        // name a vulnerability once (DuplicateRule), so a superseded record is in the union only for a version
        // its preferred record does not match.
        var perVersion = new AffectingMatch[versions.Count][];
        for (var v = 0; v < perVersion.Length; v++)
        {
            perVersion[v] = cache.Get(ecosystem, name, versions[v], rows);
        }
        var cursors = new int[perVersion.Length];
        List<AffectingMatch>? union = null;
        foreach (var row in rows)
        {
            var matched = false;
            for (var v = 0; v < perVersion.Length; v++)
            {
                if (cursors[v] < perVersion[v].Length && ReferenceEquals(perVersion[v][cursors[v]], row.Match))
                {
                    cursors[v]++;
                    matched = true;
                }
            }
            if (matched)
            {
                (union ??= []).Add(row.Match);
            }
        }
        return (IReadOnlyList<AffectingMatch>?)union ?? [];
    }

    /// <summary>
    /// Any ecosystem or every version (OSV queries by name or purl without a version): tested row by row.
    /// </summary>
    private static IReadOnlyList<AffectingMatch> Scan(IndexedAffected[] rows, string? ecosystem,
        IReadOnlyList<string>? versions)
    {
        var parsed = versions?.Select(v => (Text: v, Npm: Audit.AffectedRule.NpmVersionOf(v))).ToArray();
        List<IndexedAffected>? matched = null;
        foreach (var row in rows)
        {
            if ((ecosystem is null || row.Row.Ecosystem == ecosystem)
                && (parsed is null || parsed.Any(v => row.Affects(v.Text, v.Npm))))
            {
                (matched ??= []).Add(row);
            }
        }
        // One vulnerability under two ids is answered once (DuplicateRule).
        return matched is null ? [] : TwinMarks.Without(matched);
    }

    /// <summary>
    /// The CWE ids of the given advisories (npm's bulk answer needs only these), as the given snapshot holds them.
    /// </summary>
    public Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> CweAsync(
        AffectedSnapshot snapshot, IEnumerable<long> numbers, CancellationToken cancellationToken = default) =>
        snapshot.CweAsync(db, numbers, cancellationToken);

    /// <summary>The stored OSV documents of the given advisories, by number (one read).</summary>
    public async Task<Dictionary<long, OsvVulnerability>> DocumentsAsync(IEnumerable<long> numbers,
        CancellationToken cancellationToken = default)
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
        return rows.ToDictionary(r => r.Number, r => OsvPurls.Read(r.Document));
    }
}
