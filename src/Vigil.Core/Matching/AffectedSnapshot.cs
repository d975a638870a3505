using System.Collections.Concurrent;
using Vigil.Core.Audit;
using Vigil.Core.Data;
using static Vigil.Core.Data.ValueListQuery;

namespace Vigil.Core.Matching;

/// <summary>
/// One immutable load of the matching data: affected rows by package name, ranges parsed on first use.
/// </summary>
public sealed class AffectedSnapshot
{
    private readonly Dictionary<string, IndexedAffected[]> _byName;
    private readonly Dictionary<string, string[]> _nuGetNames;
    private readonly ConcurrentDictionary<long, IReadOnlyList<string>> _cwe = new();

    private AffectedSnapshot(string stamp, Dictionary<string, IndexedAffected[]> byName, int rows,
        int matchCacheEntries)
    {
        Stamp = stamp;
        _byName = byName;
        // Each NuGet name's stored casings, found by any casing.
        _nuGetNames = byName
            .Where(p => p.Value.Any(r => r.Row.Ecosystem == NuGetEcosystem))
            .GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToArray(), StringComparer.OrdinalIgnoreCase);
        Rows = rows;
        MatchCacheEntries = matchCacheEntries;
        VersionMatches = new VersionMatches(matchCacheEntries);
    }

    /// <summary>Default bound of <see cref="VersionMatches"/>: about 100 bytes an entry, so ~5 MB at most.</summary>
    public const int DefaultMatchCacheEntries = 50_000;

    public string Stamp { get; }

    public int Rows { get; }

    /// <summary>The (ecosystem, name, version) match results remembered for this snapshot's data.</summary>
    internal VersionMatches VersionMatches { get; }

    /// <summary>The bound of <see cref="VersionMatches"/>; 0 turns off every cache kept for this snapshot.</summary>
    public int MatchCacheEntries { get; }

    /// <summary>How many (ecosystem, name, version) results are cached (tests and diagnostics).</summary>
    public int CachedVersionMatches => VersionMatches.Count;

    internal IndexedAffected[] ForName(string name) =>
        _byName.TryGetValue(name, out var rows) ? rows : [];

    /// <summary>
    /// The rows a query names: NuGet package ids are case-insensitive (as NuGet itself compares them), so a
    /// NuGet query, or one without an ecosystem, also finds NuGet rows stored under another casing.
    /// </summary>
    internal IndexedAffected[] ForQuery(string? ecosystem, string name)
    {
        if (ecosystem is not null && ecosystem != NuGetEcosystem)
        {
            return ForName(name);
        }
        var exact = ForName(name);
        if (!_nuGetNames.TryGetValue(name, out var casings) || casings.All(c => c == name))
        {
            return exact;
        }
        var rows = exact.ToList();
        foreach (var casing in casings.Where(c => c != name))
        {
            rows.AddRange(ForName(casing).Where(r => r.Row.Ecosystem == NuGetEcosystem));
        }
        rows.Sort(ById);
        return [.. rows];
    }

    private const string NuGetEcosystem = "NuGet";

    private static int ById(IndexedAffected a, IndexedAffected b) =>
        string.CompareOrdinal(a.Row.Id, b.Row.Id) is var c && c != 0 ? c : a.Row.Index.CompareTo(b.Row.Index);

    /// <summary>The CWE ids of the given advisories (database_specific.cwe_ids), read once per snapshot.</summary>
    internal async Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> CweAsync(
        VigilDbContext db, IEnumerable<long> numbers, CancellationToken cancellationToken)
    {
        // Most calls find every number cached: look up without LINQ and allocate only for a miss.
        HashSet<long>? missing = null;
        foreach (var number in numbers)
        {
            if (!_cwe.ContainsKey(number))
            {
                (missing ??= []).Add(number);
            }
        }
        if (missing is not null)
        {
            foreach (var (number, ids) in await CweQuery.ReadAsync(db, [.. missing], cancellationToken))
            {
                _cwe[number] = ids;
            }
        }
        return _cwe;
    }

    internal static async Task<AffectedSnapshot> LoadAsync(
        VigilDbContext db, string stamp, int matchCacheEntries, CancellationToken cancellationToken)
    {
        var lists = new Dictionary<string, List<IndexedAffected>>(StringComparer.Ordinal);
        var ecosystems = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = 0;
        await CandidateQuery.AllCandidatesAsync(db, row =>
        {
            // Ecosystem names repeat on every row: keep one string per name.
            var ecosystem = ecosystems.TryGetValue(row.Ecosystem, out var known)
                ? known
                : ecosystems[row.Ecosystem] = row.Ecosystem;
            var indexed = new IndexedAffected(row with { Ecosystem = ecosystem });
            if (!lists.TryGetValue(row.Name, out var list))
            {
                lists[row.Name] = list = [];
            }
            list.Add(indexed);
            rows++;
        }, cancellationToken);
        await TwinMarks.MarkAsync(db, lists.Values, cancellationToken);
        var byName = new Dictionary<string, IndexedAffected[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (name, list) in lists)
        {
            // The order the APIs answer in: by advisory id, then affected index.
            list.Sort(ById);
            byName[name] = [.. list];
        }
        return new AffectedSnapshot(stamp, byName, rows, matchCacheEntries);
    }
}
