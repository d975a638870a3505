using Vigil.Versioning.Npm;

namespace Vigil.Core.Runtime;

/// <summary>[Lower, Upper): a half-open interval of versions in SemVer 2.0 order; no upper bound when Upper is
/// null.</summary>
public sealed record SemverInterval(NpmVersion Lower, NpmVersion? Upper)
{
    public bool Contains(NpmVersion version) =>
        version.CompareTo(Lower) >= 0 && (Upper is null || version.CompareTo(Upper) < 0);

    /// <summary>This interval without <paramref name="other"/>: zero, one or two pieces.</summary>
    public IEnumerable<SemverInterval> Minus(SemverInterval other)
    {
        var disjoint = (other.Upper is not null && other.Upper.CompareTo(Lower) <= 0)
            || (Upper is not null && other.Lower.CompareTo(Upper) >= 0);
        if (disjoint)
        {
            yield return this;
            yield break;
        }
        if (Lower.CompareTo(other.Lower) < 0)
        {
            yield return this with { Upper = other.Lower };
        }
        if (other.Upper is not null && (Upper is null || other.Upper.CompareTo(Upper) < 0))
        {
            yield return this with { Lower = other.Upper };
        }
    }
}

/// <summary>
/// A node-semver range as a sorted list of disjoint half-open intervals. Each <c>||</c> alternative is the
/// intersection of its comparators (<c>&gt;v</c> starts at the smallest version after v, <c>&lt;=v</c> ends
/// before it); alternatives are merged. Prerelease versions are ordered as SemVer 2.0 orders them; node-semver's
/// extra rule that a prerelease only satisfies a range naming the same release is not modelled (the Node.js
/// core list names release lines, and Node.js releases are not prereleases).
/// </summary>
public static class SemverIntervals
{
    /// <summary>The smallest version there is (SemVer §11: 0.0.0-0 precedes every other).</summary>
    public static readonly NpmVersion Minimum = new(0, 0, 0, [NpmPrereleaseIdentifier.FromNumber(0)]);

    public static IReadOnlyList<SemverInterval> Of(NpmRange range) =>
        Merge(range.ComparatorSets.Select(Interval).OfType<SemverInterval>());

    /// <summary>Versions in <paramref name="included"/> but not in <paramref name="excluded"/>.</summary>
    public static IReadOnlyList<SemverInterval> Minus(
        IReadOnlyList<SemverInterval> included, IReadOnlyList<SemverInterval> excluded) =>
        Merge(included.SelectMany(interval => excluded.Aggregate(
            (IEnumerable<SemverInterval>)[interval], (pieces, cut) =>
                pieces.SelectMany(piece => piece.Minus(cut)).ToList())));

    private static IReadOnlyList<SemverInterval> Merge(IEnumerable<SemverInterval> intervals)
    {
        var merged = new List<SemverInterval>();
        foreach (var next in intervals.OrderBy(i => i.Lower))
        {
            var last = merged.Count > 0 ? merged[^1] : null;
            if (last is not null && (last.Upper is null || next.Lower.CompareTo(last.Upper) <= 0))
            {
                merged[^1] = last with
                {
                    Upper = last.Upper is null || next.Upper is null ? null : Max(last.Upper, next.Upper),
                };
            }
            else
            {
                merged.Add(next);
            }
        }
        return merged;
    }

    private static SemverInterval? Interval(IReadOnlyList<NpmComparator> set)
    {
        var lower = Minimum;
        NpmVersion? upper = null;
        foreach (var comparator in set.Where(c => !c.IsAny))
        {
            var v = comparator.Version!;
            var (from, to) = comparator.Operator switch
            {
                NpmComparatorOperator.GreaterOrEqual => (v, null),
                NpmComparatorOperator.Greater => (Next(v), null),
                NpmComparatorOperator.Less => ((NpmVersion?)null, v),
                NpmComparatorOperator.LessOrEqual => (null, Next(v)),
                _ => (v, Next(v)),
            };
            if (from is not null && from.CompareTo(lower) > 0)
            {
                lower = from;
            }
            if (to is not null && (upper is null || to.CompareTo(upper) < 0))
            {
                upper = to;
            }
        }
        return upper is not null && lower.CompareTo(upper) >= 0 ? null : new SemverInterval(lower, upper);
    }

    /// <summary>The smallest version above v (SemVer §11): 1.2.4-0 after 1.2.3, 1.2.3-a.0 after 1.2.3-a.</summary>
    public static NpmVersion Next(NpmVersion v) => v.IsPrerelease
        ? new NpmVersion(v.Major, v.Minor, v.Patch, [.. v.Prerelease, NpmPrereleaseIdentifier.FromNumber(0)])
        : new NpmVersion(v.Major, v.Minor, v.Patch + 1, [NpmPrereleaseIdentifier.FromNumber(0)]);

    private static NpmVersion Max(NpmVersion a, NpmVersion b) => a.CompareTo(b) >= 0 ? a : b;
}
