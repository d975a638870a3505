using Vigil.Core.Audit;
using Vigil.Core.Data;

namespace Vigil.Core.Matching;

/// <summary>
/// The <see cref="DuplicateRule"/> for the <see cref="AffectedSnapshot"/>: when the snapshot is loaded, the rows of
/// every advisory that shares an id (its id or an alias) with another are marked with its
/// <see cref="DuplicateCandidate"/>, so matching groups only the few matches that carry a mark and the rest of a
/// request pays one null test per matched row (the npm bulk path, docs/performance.md).
/// </summary>
internal static class TwinMarks
{
    public static async Task MarkAsync(
        VigilDbContext db, IEnumerable<List<IndexedAffected>> lists, CancellationToken cancellationToken)
    {
        var rowsByNumber = new Dictionary<long, List<IndexedAffected>>();
        var owner = new Dictionary<string, long>(StringComparer.Ordinal);
        var shared = new HashSet<long>();
        foreach (var list in lists)
        {
            foreach (var row in list)
            {
                if (!rowsByNumber.TryGetValue(row.Row.AdvisoryNumber, out var rows))
                {
                    rowsByNumber[row.Row.AdvisoryNumber] = rows = [];
                    Claim(owner, shared, row.Row.Id, row.Row.AdvisoryNumber);
                }
                rows.Add(row);
            }
        }
        var aliases = new Dictionary<long, List<string>>();
        await CandidateQuery.AllAliasesAsync(db, (number, alias) =>
        {
            if (!rowsByNumber.ContainsKey(number))
            {
                return; // an advisory without affected rows matches nothing
            }
            if (!aliases.TryGetValue(number, out var list))
            {
                aliases[number] = list = [];
            }
            list.Add(alias);
            Claim(owner, shared, alias, number);
        }, cancellationToken);
        foreach (var number in shared)
        {
            var rows = rowsByNumber[number];
            var first = rows[0].Row;
            var candidate = new DuplicateCandidate(
                number, first.Id, first.Origin, first.Published, aliases.TryGetValue(number, out var list) ? list : []);
            foreach (var row in rows)
            {
                row.MarkTwin(candidate);
            }
        }
    }

    /// <summary>
    /// Records the first advisory holding <paramref name="key"/>; a second one marks both as sharing.
    /// </summary>
    private static void Claim(Dictionary<string, long> owner, HashSet<long> shared, string key, long number)
    {
        if (!owner.TryGetValue(key, out var first))
        {
            owner[key] = number;
        }
        else if (first != number)
        {
            shared.Add(first);
            shared.Add(number);
        }
    }

    /// <summary>
    /// The matched rows without those of superseded advisories. Rows without a mark are kept as they are; only
    /// when two or more matched rows carry one is the rule applied.
    /// </summary>
    public static AffectingMatch[] Without(List<IndexedAffected> matched)
    {
        List<DuplicateCandidate>? candidates = null;
        foreach (var row in matched)
        {
            if (row.Twin is { } twin && (candidates is null || !candidates.Contains(twin)))
            {
                (candidates ??= []).Add(twin);
            }
        }
        var superseded = candidates is { Count: > 1 } ? DuplicateRule.Superseded(candidates) : null;
        var result = new List<AffectingMatch>(matched.Count);
        foreach (var row in matched)
        {
            if (superseded is null || !superseded.Contains(row.Row.AdvisoryNumber))
            {
                result.Add(row.Match);
            }
        }
        return [.. result];
    }
}
