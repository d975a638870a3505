using System.Collections.Concurrent;

namespace Vigil.Core.Matching;

/// <summary>
/// Per <see cref="AffectedSnapshot"/>: which of a package's rows affect one exact version, remembered after
/// the first request that asks. Projects share most of their (package, version) pairs, and npm audit and
/// OSV scanners send the same lockfile again and again, so a repeat costs one lookup instead of a version
/// parse and a range test per row (docs/performance.md, benchmark c). A new snapshot (any advisory
/// change) starts with an empty cache, so an update is seen as soon as the index sees it. Bounded: when
/// full it is emptied and fills again, so a stream of unseen versions can pin at most
/// <c>capacity</c> entries.
/// </summary>
internal sealed class VersionMatches(int capacity)
{
    private readonly ConcurrentDictionary<(string Ecosystem, string Name, string Version), AffectingMatch[]> _entries =
        new();
    private int _added;

    public int Count => _entries.Count;

    public AffectingMatch[] Get(string ecosystem, string name, string version, IndexedAffected[] rows)
    {
        var key = (ecosystem, name, version);
        if (_entries.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var matches = Compute(ecosystem, version, rows);
        if (capacity > 0)
        {
            // Counted on add instead of ConcurrentDictionary.Count, which takes every lock.
            if (Interlocked.Increment(ref _added) > capacity)
            {
                _entries.Clear();
                Interlocked.Exchange(ref _added, 1);
            }
            _entries[key] = matches;
        }
        return matches;
    }

    private static AffectingMatch[] Compute(string ecosystem, string version, IndexedAffected[] rows)
    {
        var npmVersion = Audit.AffectedRule.NpmVersionOf(version);
        List<IndexedAffected>? matched = null;
        var marked = 0;
        foreach (var row in rows)
        {
            if (row.Row.Ecosystem == ecosystem && row.Affects(version, npmVersion))
            {
                (matched ??= []).Add(row);
                if (row.Twin is not null)
                {
                    marked++;
                }
            }
        }
        if (matched is null)
        {
            return [];
        }
        // One vulnerability under two ids is answered once (DuplicateRule): only marked rows can be grouped.
        if (marked > 1)
        {
            return TwinMarks.Without(matched);
        }
        var matches = new AffectingMatch[matched.Count];
        for (var i = 0; i < matches.Length; i++)
        {
            matches[i] = matched[i].Match;
        }
        return matches;
    }
}
