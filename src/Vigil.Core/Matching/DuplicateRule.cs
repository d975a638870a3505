using Vigil.Core.Advisories;

namespace Vigil.Core.Matching;

/// <summary>One record as the <see cref="DuplicateRule"/> sees it: its ids, provenance and publication date.</summary>
public sealed record DuplicateCandidate(
    long Number, string Id, string Origin, DateTimeOffset? Published, IReadOnlyList<string> Aliases);

/// <summary>
/// One vulnerability known under two ids (docs/sync.md, "One vulnerability, two ids"): among the records that
/// match one package version, two that share an id (the id or an alias of one is the id or an alias of the
/// other) report the same vulnerability, and records linked that way form a group. Each group is reported
/// once, by its preferred record: first by origin (this instance's programs, then hand imports, then
/// mirrors), then the record whose aliases name another record of the group, then the earliest published,
/// then the smallest id. <c>related</c> does not group: OSV defines it as a different vulnerability.
/// </summary>
public static class DuplicateRule
{
    /// <summary>
    /// Of records that all match one package version, the numbers of those another record supersedes (empty: none).
    /// </summary>
    public static IReadOnlySet<long> Superseded(IReadOnlyList<DuplicateCandidate> candidates)
    {
        if (candidates.Count < 2)
        {
            return EmptySet;
        }
        var parent = new int[candidates.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }
        var firstWithKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            foreach (var key in Keys(candidates[i]))
            {
                if (firstWithKey.TryGetValue(key, out var other))
                {
                    Union(parent, i, other);
                }
                else
                {
                    firstWithKey[key] = i;
                }
            }
        }
        HashSet<long>? superseded = null;
        foreach (var group in Enumerable.Range(0, candidates.Count).GroupBy(i => Find(parent, i)))
        {
            var members = group.Select(i => candidates[i]).DistinctBy(c => c.Number).ToList();
            if (members.Count < 2)
            {
                continue;
            }
            var preferred = Preferred(members);
            foreach (var member in members.Where(m => m.Number != preferred.Number))
            {
                (superseded ??= []).Add(member.Number);
            }
        }
        return (IReadOnlySet<long>?)superseded ?? EmptySet;
    }

    /// <summary>The record a group is reported by.</summary>
    public static DuplicateCandidate Preferred(IReadOnlyList<DuplicateCandidate> group)
    {
        var ids = group.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        return group
            .OrderBy(m => OriginRank(m.Origin))
            .ThenBy(m => m.Aliases.Any(a => a != m.Id && ids.Contains(a)) ? 0 : 1)
            .ThenBy(m => m.Published ?? DateTimeOffset.MaxValue)
            .ThenBy(m => m.Id, StringComparer.Ordinal)
            .First();
    }

    /// <summary>0 for this instance's publications, 1 for hand imports, 2 for mirrored records.</summary>
    public static int OriginRank(string origin) => origin switch
    {
        AdvisoryOrigin.Program => 0,
        AdvisoryOrigin.Import => 1,
        _ => 2,
    };

    private static IEnumerable<string> Keys(DuplicateCandidate candidate) => candidate.Aliases.Prepend(candidate.Id);

    private static readonly IReadOnlySet<long> EmptySet = new HashSet<long>();

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var (ra, rb) = (Find(parent, a), Find(parent, b));
        if (ra != rb)
        {
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
