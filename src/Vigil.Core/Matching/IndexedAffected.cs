using Vigil.Core.Audit;
using Vigil.Versioning.Npm;

namespace Vigil.Core.Matching;

/// <summary>
/// One affected row in the <see cref="AffectedSnapshot"/>, with its range parsed on first use and kept.
/// Requests share it across threads: two may parse the same range at once, and either result is the same.
/// </summary>
internal sealed class IndexedAffected(CandidateRow row)
{
    private static readonly object Unparsable = new();
    private object? _parsed;

    public CandidateRow Row { get; } = row;

    /// <summary>
    /// This row's advisory as the <see cref="DuplicateRule"/> sees it, set only when the advisory shares an id with
    /// another one (found once, when the snapshot is loaded); null for the others, which need no grouping.
    /// </summary>
    public DuplicateCandidate? Twin { get; private set; }

    internal void MarkTwin(DuplicateCandidate candidate) => Twin = candidate;

    /// <summary>
    /// The match this row yields, built once: an immutable record every request shares, so matching a
    /// dense 1,000-package request allocates no object per match (docs/performance.md, benchmark c).
    /// </summary>
    public AffectingMatch Match { get; } = new(row.AdvisoryNumber, row.Index, row.Id, row.Modified, row.Ecosystem,
        row.Name, row.NpmRange, row.Severity, row.CvssScore, row.CvssVector, row.Summary, row.FixedVersion,
            row.KeptPatched);

    /// <summary>
    /// The audit's decision (<see cref="AffectedRule"/>), with this row's range or OSV entry parsed once.
    /// </summary>
    public bool Affects(string version, NpmVersion? npmVersion)
    {
        var parsed = _parsed ??= Parse();
        return parsed switch
        {
            NpmRange range => AffectedRule.NpmAffects(range, npmVersion),
            Vigil.Versioning.Osv.OsvAffected affected => AffectedRule.OsvAffects(affected, version),
            _ => false,
        };
    }

    private object Parse() =>
        (Row.Ecosystem == "npm"
            ? AffectedRule.NpmRangeOf(Row.NpmRange)
            : (object?)AffectedRule.OsvOf(Row.AffectedJson)) ?? Unparsable;
}
