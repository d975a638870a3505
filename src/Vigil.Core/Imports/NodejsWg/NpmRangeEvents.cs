using Vigil.Core.Advisories.Osv;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Osv;

namespace Vigil.Core.Imports.NodejsWg;

/// <summary>
/// Turns an npm range into OSV <c>SEMVER</c> range events (schema § affected[].ranges[].events).
/// The range is parsed with npm audit's options (loose, includePrerelease — @npmcli/metavuln-calculator),
/// under which node-semver's <c>satisfies</c> is plain SemVer-ordered intervals, exactly what OSV
/// events express. Each <c>||</c> alternative is an interval; intervals are merged and sorted, then
/// written as <c>introduced</c> (inclusive lower bound, "0" when unbounded) and <c>fixed</c> (exclusive
/// upper bound) or <c>last_affected</c> (inclusive upper bound). A strict lower bound <c>&gt;v</c>
/// becomes <c>introduced</c> at the smallest version after v (<c>&gt;2.1.0</c> → <c>2.1.1-0</c>, as GitHub's
/// converter writes it). The exact range is kept beside the events in any case.
/// <para>
/// The range is typed <c>SEMVER</c>, as Vigil's own publications and osv.dev's npm entries are: every
/// event is a normalised SemVer 2.0 version (or "0"), and npm's order is SemVer 2.0 precedence, so a
/// client that evaluates only <c>SEMVER</c> ranges still finds these advisories (docs/api.md "Range types").
/// </para>
/// <para>
/// Vigil.Versioning's <c>OsvNpmRanges.FromNpmRange</c> does the same for ranges that are already
/// disjoint intervals of one kind and returns null otherwise (6 of the WG's 467 ranges: overlapping
/// alternatives such as <c>&lt;2.0.1 || &lt;1.1.7</c>, or fixed and last_affected mixed). An affected entry
/// without events tells OSV clients that no version is affected, so this converter also merges
/// overlapping intervals and splits a mix into one range per interval; a test checks that both agree
/// wherever the other one answers. TODO: move merging and splitting into OsvNpmRanges and use it here.
/// </para>
/// </summary>
internal static class NpmRangeEvents
{
    private static readonly NpmVersion Minimum = new(0, 0, 0, [NpmPrereleaseIdentifier.FromNumber(0)]);

    /// <summary>The ranges for <paramref name="range"/>; empty when the range matches nothing.</summary>
    public static List<OsvRangeModel> ToRanges(NpmRange range)
    {
        var intervals = range.ComparatorSets.Select(ToInterval).OfType<Interval>().OrderBy(i => i.Lower).ToList();
        var merged = new List<Interval>();
        foreach (var interval in intervals)
        {
            if (merged.Count > 0 && merged[^1].Touches(interval))
            {
                merged[^1] = merged[^1].Union(interval);
            }
            else
            {
                merged.Add(interval);
            }
        }
        var bounded = merged.Where(i => i.Upper is not null).ToList();
        // The schema forbids fixed and last_affected in one range; then each interval gets its own range.
        var mixed = bounded.Any(i => i.UpperInclusive) && bounded.Any(i => !i.UpperInclusive);
        var groups = mixed ? merged.Select(i => new List<Interval> { i }).ToList() : merged.Count > 0 ? [merged] : [];
        return groups.Select(
            group => new OsvRangeModel { Type = OsvRange.Semver, Events = group.SelectMany(Events).ToList() }).ToList();
    }

    private static IEnumerable<OsvEventModel> Events(Interval interval)
    {
        yield return new OsvEventModel { Introduced = interval.Lower == Minimum ? "0" : interval.Lower.ToString() };
        if (interval.Upper is { } upper)
        {
            yield return interval.UpperInclusive
                ? new OsvEventModel { LastAffected = upper.ToString() }
                : new OsvEventModel { Fixed = upper.ToString() };
        }
    }

    private static Interval? ToInterval(IReadOnlyList<NpmComparator> set)
    {
        var lower = Minimum;
        var lowerInclusive = true;
        NpmVersion? upper = null;
        var upperInclusive = false;
        foreach (var comparator in set.Where(c => !c.IsAny))
        {
            var v = comparator.Version!;
            var op = comparator.Operator;
            if (op is NpmComparatorOperator.GreaterOrEqual or NpmComparatorOperator.Greater
                or NpmComparatorOperator.Equal)
            {
                var inclusive = op != NpmComparatorOperator.Greater;
                var c = v.CompareTo(lower);
                if (c > 0 || (c == 0 && !inclusive))
                {
                    (lower, lowerInclusive) = (v, inclusive);
                }
            }
            if (op is NpmComparatorOperator.LessOrEqual or NpmComparatorOperator.Less or NpmComparatorOperator.Equal)
            {
                var inclusive = op != NpmComparatorOperator.Less;
                var c = upper is null ? -1 : v.CompareTo(upper);
                if (c < 0 || (c == 0 && !inclusive))
                {
                    (upper, upperInclusive) = (v, inclusive);
                }
            }
        }
        if (!lowerInclusive)
        {
            lower = Next(lower);
        }
        if (upper is not null)
        {
            var c = lower.CompareTo(upper);
            if (c > 0 || (c == 0 && !upperInclusive))
            {
                return null; // matches nothing, e.g. "<0.0.0-0" or ">2 <1"
            }
        }
        return new Interval(lower, upper, upperInclusive);
    }

    /// <summary>The smallest version above v (SemVer §11): 1.2.4-0 after 1.2.3, 1.2.3-a.0 after 1.2.3-a.</summary>
    private static NpmVersion Next(NpmVersion v) => v.IsPrerelease
        ? new NpmVersion(v.Major, v.Minor, v.Patch, [.. v.Prerelease, NpmPrereleaseIdentifier.FromNumber(0)])
        : new NpmVersion(v.Major, v.Minor, v.Patch + 1, [NpmPrereleaseIdentifier.FromNumber(0)]);

    /// <summary>[Lower, Upper) or [Lower, Upper]; no upper bound when Upper is null.</summary>
    private sealed record Interval(NpmVersion Lower, NpmVersion? Upper, bool UpperInclusive)
    {
        /// <summary>Overlapping or adjacent, given this.Lower ≤ next.Lower.</summary>
        public bool Touches(Interval next) => Upper is null || next.Lower.CompareTo(Upper) <= 0;

        public Interval Union(Interval next)
        {
            if (Upper is null || next.Upper is null)
            {
                return this with { Upper = null, UpperInclusive = false };
            }
            var c = next.Upper.CompareTo(Upper);
            return c > 0 || (c == 0 && next.UpperInclusive)
                ? this with { Upper = next.Upper, UpperInclusive = next.UpperInclusive }
                : this;
        }
    }
}
