using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Imports.NodejsWg;

/// <summary>
/// Turns an npm range into OSV <c>ECOSYSTEM</c> range events (schema § affected[].ranges[].events).
/// Each <c>||</c> alternative is an interval; intervals are merged and sorted, then written as
/// <c>introduced</c> (inclusive lower bound, "0" when unbounded) and <c>fixed</c> (exclusive upper bound)
/// or <c>last_affected</c> (inclusive upper bound). A strict lower bound <c>&gt;v</c> becomes
/// <c>introduced</c> at the next version after v (<c>&gt;2.1.0</c> → <c>2.1.1-0</c>, as GitHub's
/// converter writes it). OSV has no notion of node-semver's rule that prereleases only match
/// comparators on the same version tuple, so the events can admit prereleases the npm range does
/// not; the exact range is therefore always kept beside them (<c>database_specific.vulnerable_versions</c>),
/// and that is what Vigil itself matches with.
/// TEMP: replaced by Vigil.Versioning.Osv's converter once Vigil.Core references that project again.
/// </summary>
internal static class NpmRangeEvents
{
    private static readonly SemverVersion Minimum = new(0, 0, 0, ["0"]);

    /// <summary>The ranges for <paramref name="sets"/>; empty when the range matches nothing.</summary>
    public static List<OsvRangeModel> ToRanges(IReadOnlyList<IReadOnlyList<Comparator>> sets)
    {
        var intervals = sets.Select(ToInterval).OfType<Interval>().OrderBy(i => i.Lower).ToList();
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
        return groups.Select(group => new OsvRangeModel { Type = "ECOSYSTEM", Events = group.SelectMany(Events).ToList() }).ToList();
    }

    private static IEnumerable<OsvEventModel> Events(Interval interval)
    {
        yield return new OsvEventModel { Introduced = interval.Lower.CompareTo(Minimum) == 0 ? "0" : interval.Lower.ToString() };
        if (interval.Upper is { } upper)
        {
            yield return interval.UpperInclusive
                ? new OsvEventModel { LastAffected = upper.ToString() }
                : new OsvEventModel { Fixed = upper.ToString() };
        }
    }

    private static Interval? ToInterval(IReadOnlyList<Comparator> set)
    {
        SemverVersion lower = Minimum;
        var lowerInclusive = true;
        SemverVersion? upper = null;
        var upperInclusive = false;
        foreach (var comparator in set)
        {
            var v = comparator.Version;
            if (comparator.Op is ComparatorOp.GreaterOrEqual or ComparatorOp.Greater or ComparatorOp.Equal)
            {
                var inclusive = comparator.Op != ComparatorOp.Greater;
                var c = v.CompareTo(lower);
                if (c > 0 || (c == 0 && !inclusive))
                {
                    (lower, lowerInclusive) = (v, inclusive);
                }
            }
            if (comparator.Op is ComparatorOp.LessOrEqual or ComparatorOp.Less or ComparatorOp.Equal)
            {
                var inclusive = comparator.Op != ComparatorOp.Less;
                var c = upper is null ? -1 : v.CompareTo(upper);
                if (c < 0 || (c == 0 && !inclusive))
                {
                    (upper, upperInclusive) = (v, inclusive);
                }
            }
        }
        if (!lowerInclusive)
        {
            lower = lower.Next();
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

    /// <summary>[Lower, Upper) or [Lower, Upper]; no upper bound when Upper is null.</summary>
    private sealed record Interval(SemverVersion Lower, SemverVersion? Upper, bool UpperInclusive)
    {
        /// <summary>Overlapping or adjacent (…, 2.0.0) + [2.0.0, …), given this.Lower ≤ next.Lower.</summary>
        public bool Touches(Interval next)
        {
            if (Upper is null)
            {
                return true;
            }
            var c = next.Lower.CompareTo(Upper);
            return c < 0 || c == 0;
        }

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
