using Vigil.Versioning.Npm;

namespace Vigil.Versioning.Osv;

/// <summary>
/// Converts between OSV ranges of the npm ecosystem and npm range strings (the bulk advisory's
/// <c>vulnerable_versions</c>), both evaluated in npm audit's mode (<see cref="NpmSemverOptions.NpmAudit"/>):
/// <c>[{introduced:0},{fixed:1.0.2}]</c> ⇔ <c>&lt;1.0.2</c>; <c>last_affected: x</c> ⇔ <c>&lt;=x</c>.
/// </summary>
public static class OsvNpmRanges
{
    /// <summary>
    /// The npm range matching exactly the versions OSV evaluation marks affected for an npm
    /// <c>affected[]</c> entry: every range's intervals and every listed version, joined by <c>||</c>.
    /// Null when nothing is affected or a GIT range can't be expressed.
    /// </summary>
    public static string? ToNpmRange(OsvAffected affected)
    {
        ArgumentNullException.ThrowIfNull(affected);
        var parts = new List<string>();
        foreach (var range in affected.Ranges)
        {
            var text = ToNpmRange(range);
            if (text is null)
            {
                return null;
            }

            if (text != "<0.0.0-0")
            {
                parts.Add(text);
            }
        }

        parts.AddRange(affected.Versions);
        return parts.Count == 0 ? null : string.Join(" || ", parts);
    }

    /// <summary>
    /// One range as an npm range: each interval opened by <c>introduced</c> and closed by <c>fixed</c>
    /// (<c>&lt;</c>) or <c>last_affected</c> (<c>&lt;=</c>), capped by the largest <c>limit</c>;
    /// <c>&lt;0.0.0-0</c> (npm's "nothing") when no interval is open anywhere; null for GIT.
    /// </summary>
    public static string? ToNpmRange(OsvRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.Type == OsvRange.Git)
        {
            return null;
        }

        var order = OsvVersionOrder.Npm;
        var events = OsvRangeEvaluation.Sort(range.Events, order);
        var limits = events.Where(e => e.Event.Kind == OsvEventKind.Limit).ToList();
        string? cap = limits.Count == 0 || limits.Any(l => l.Key is null) ? null : "<" + limits[^1].Event.Version;

        var intervals = new List<string>();
        string? open = null; // the lower bound of the open interval: "" for introduced "0"
        foreach (var (evt, _) in events)
        {
            switch (evt.Kind)
            {
                case OsvEventKind.Introduced when open is null:
                    open = evt.Version == "0" ? string.Empty : ">=" + evt.Version;
                    break;
                case OsvEventKind.Fixed or OsvEventKind.LastAffected when open is not null:
                    intervals.Add(Join(open, (evt.Kind == OsvEventKind.Fixed ? "<" : "<=") + evt.Version, cap));
                    open = null;
                    break;
            }
        }

        if (open is not null)
        {
            intervals.Add(Join(open, string.Empty, cap) is { Length: > 0 } tail ? tail : "*");
        }

        return intervals.Count == 0 ? "<0.0.0-0" : string.Join(" || ", intervals);
    }

    private static string Join(params string?[] comparators) =>
        string.Join(' ', comparators.Where(c => !string.IsNullOrEmpty(c)));

    /// <summary>
    /// The reverse, for importers: an npm range as one ECOSYSTEM range, when each <c>||</c> alternative
    /// is an interval (<c>&gt;=a &lt;b</c>, <c>&lt;=b</c>, <c>&gt;a</c>, an exact version, <c>*</c>)
    /// and the intervals don't overlap. <c>&gt;a</c> becomes <c>introduced</c> of a's successor
    /// (<c>&gt;2.1.0</c> → <c>2.1.1-0</c>, like GitHub's converter). Null otherwise (including a mix of
    /// <c>fixed</c> and <c>last_affected</c>, which OSV forbids): keep the npm range in <c>database_specific</c>.
    /// </summary>
    public static OsvRange? FromNpmRange(string npmRange)
    {
        if (!NpmRange.TryParse(npmRange, NpmSemverOptions.NpmAudit, out var range))
        {
            return null;
        }

        var intervals = new List<Interval>();
        foreach (var set in range.ComparatorSets)
        {
            if (!TryInterval(set, out var interval))
            {
                return null;
            }

            intervals.Add(interval);
        }

        intervals.Sort(
            (a, b) => a.Lower is null ? (b.Lower is null ? 0 : -1) : b.Lower is null ? 1 : a.Lower.CompareTo(b.Lower));
        bool usesFixed = intervals.Any(i => i.Upper is not null && !i.UpperInclusive);
        bool usesLastAffected = intervals.Any(i => i.Upper is not null && i.UpperInclusive);
        if (usesFixed && usesLastAffected)
        {
            return null;
        }

        var events = new List<OsvEvent>();
        for (int i = 0; i < intervals.Count; i++)
        {
            var (lower, upper, inclusive) = intervals[i];
            if (i > 0)
            {
                // The previous interval must end (exclusive for fixed) before this one starts.
                var previous = intervals[i - 1];
                if (previous.Upper is null || lower is null
                    || (inclusive ? previous.Upper >= lower : previous.Upper > lower))
                {
                    return null;
                }
            }

            events.Add(OsvEvent.Introduced(lower?.ToString() ?? "0"));
            if (upper is not null)
            {
                events.Add(inclusive ? OsvEvent.LastAffected(upper.ToString()) : OsvEvent.Fixed(upper.ToString()));
            }
        }

        return new OsvRange(OsvRange.Ecosystem, events);
    }

    private readonly record struct Interval(NpmVersion? Lower, NpmVersion? Upper, bool UpperInclusive);

    private static bool TryInterval(IReadOnlyList<NpmComparator> set, out Interval interval)
    {
        interval = default;
        NpmVersion? lower = null, upper = null;
        bool inclusive = false;
        foreach (var c in set)
        {
            switch (c.Operator)
            {
                case NpmComparatorOperator.Equal when c.IsAny:
                    continue;
                case NpmComparatorOperator.Equal when set.Count == 1:
                    (lower, upper, inclusive) = (c.Version, c.Version, true);
                    break;
                case NpmComparatorOperator.GreaterOrEqual when lower is null:
                    lower = c.Version;
                    break;
                case NpmComparatorOperator.Greater when lower is null:
                    lower = Successor(c.Version!);
                    break;
                case NpmComparatorOperator.Less or NpmComparatorOperator.LessOrEqual when upper is null:
                    (upper, inclusive) = (c.Version, c.Operator == NpmComparatorOperator.LessOrEqual);
                    break;
                default:
                    return false;
            }
        }

        interval = new Interval(lower, upper, inclusive);
        return true;
    }

    /// <summary>The least version greater than <paramref name="v"/> in node-semver precedence.</summary>
    private static NpmVersion Successor(NpmVersion v) => v.IsPrerelease
        ? new NpmVersion(v.Major, v.Minor, v.Patch, [.. v.Prerelease, NpmPrereleaseIdentifier.FromNumber(0)])
        : new NpmVersion(v.Major, v.Minor, v.Patch + 1, [NpmPrereleaseIdentifier.FromNumber(0)]);
}
