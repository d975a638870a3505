using NuGet.Versioning;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Osv;

namespace Vigil.Core.Publication;

/// <summary>
/// The versions of one ecosystem Vigil publishes to (npm, NuGet): which strings are versions, their order,
/// and a reported range read as sorted, disjoint <see cref="VersionInterval"/>s.
/// </summary>
public sealed class EcosystemVersions
{
    private readonly OsvVersionOrder _order;

    private EcosystemVersions(string ecosystem, OsvVersionOrder order) => (Ecosystem, _order) = (ecosystem, order);

    public string Ecosystem { get; }

    /// <summary>The ecosystem's versions, or null when Vigil does not publish to it.</summary>
    public static EcosystemVersions? For(string ecosystem) => ecosystem switch
    {
        "npm" => new EcosystemVersions("npm", OsvVersionOrder.Npm),
        "NuGet" => new EcosystemVersions("NuGet", OsvVersionOrder.NuGet),
        _ => null,
    };

    public bool IsVersion(string version) => _order.TryParse(version, out _);

    public int Compare(string a, string b)
    {
        if (!_order.TryParse(a, out var x) || !_order.TryParse(b, out var y))
        {
            throw new ArgumentException($"'{a}' or '{b}' is not a {Ecosystem} version.");
        }
        return _order.Compare(x, y);
    }

    /// <summary>
    /// A reported range (an npm range such as <c>&lt;=1.4.1 || &gt;=2.0.0 &lt;2.1.0</c>, or a NuGet range
    /// such as <c>[1.0.0, 1.4.2)</c>; a bare NuGet version means "this version and later", as in NuGet)
    /// as sorted, disjoint intervals; null when it is not a range of the ecosystem.
    /// </summary>
    public IReadOnlyList<VersionInterval>? ParseRange(string range)
    {
        var intervals = Ecosystem == "npm" ? NpmIntervals(range.Trim()) : NuGetIntervals(range.Trim());
        return intervals is null ? null : Merge(intervals);
    }

    /// <summary>Whether <paramref name="version"/> lies inside <paramref name="interval"/>.</summary>
    public bool Contains(VersionInterval interval, string version) =>
        (interval.Lower is not { } lower
            || Compare(version, lower.Version) is var below && (below > 0 || below == 0 && lower.Inclusive))
        && (interval.Upper is not { } upper
            || Compare(version, upper.Version) is var above && (above < 0 || above == 0 && upper.Inclusive));

    /// <summary>Whether <paramref name="version"/> lies above every version of <paramref name="interval"/>.</summary>
    public bool IsAbove(VersionInterval interval, string version) =>
        interval.Upper is { } upper && Compare(version, upper.Version) is var order
            && (order > 0 || order == 0 && !upper.Inclusive);

    /// <summary>
    /// Intervals written as a range of the ecosystem: npm's <c>&gt;=1.0.0 &lt;1.2.0 || &gt;=2.0.0</c>, NuGet's
    /// interval notation <c>[1.0.0, 1.2.0)</c> (NuGet ranges are one interval; several are joined by <c>, </c> for
    /// reading).
    /// </summary>
    public string FormatRange(IReadOnlyList<VersionInterval> intervals)
    {
        if (intervals.Count == 0)
        {
            return Ecosystem == "npm" ? "<0.0.0-0" : "(none)";
        }
        if (Ecosystem == "npm")
        {
            return string.Join(" || ", intervals.Select(i => i.ToString()));
        }
        return string.Join(", ", intervals.Select(i =>
            $"{(i.Lower is { Inclusive: true } ? "[" : "(")}{i.Lower?.Version}, "
            + $"{i.Upper?.Version}{(i.Upper is { Inclusive: true } ? "]" : ")")}"));
    }

    private static List<VersionInterval>? NpmIntervals(string range)
    {
        if (!NpmRange.TryParse(range, NpmSemverOptions.NpmAudit, out var parsed))
        {
            return null;
        }
        var intervals = new List<VersionInterval>();
        foreach (var set in parsed.ComparatorSets)
        {
            NpmVersion? lower = null, upper = null;
            bool lowerInclusive = true, upperInclusive = true;
            foreach (var comparator in set.Where(c => !c.IsAny))
            {
                var v = comparator.Version!;
                var (raisesLower, lowersUpper, inclusive) = comparator.Operator switch
                {
                    NpmComparatorOperator.GreaterOrEqual => (true, false, true),
                    NpmComparatorOperator.Greater => (true, false, false),
                    NpmComparatorOperator.LessOrEqual => (false, true, true),
                    NpmComparatorOperator.Less => (false, true, false),
                    _ => (true, true, true),
                };
                if (raisesLower && (lower is null || v.CompareTo(lower) > 0 || v.CompareTo(lower) == 0 && !inclusive))
                {
                    (lower, lowerInclusive) = (v, inclusive);
                }
                if (lowersUpper && (upper is null || v.CompareTo(upper) < 0 || v.CompareTo(upper) == 0 && !inclusive))
                {
                    (upper, upperInclusive) = (v, inclusive);
                }
            }
            if (lower is not null && upper is not null
                && (lower.CompareTo(upper) > 0 || lower.CompareTo(upper) == 0 && !(lowerInclusive && upperInclusive)))
            {
                continue; // an empty set (">=2.0.0 <1.0.0") affects nothing
            }
            intervals.Add(new VersionInterval(
                lower is null ? null : new VersionBound(lower.ToString(), lowerInclusive),
                upper is null ? null : new VersionBound(upper.ToString(), upperInclusive)));
        }
        return intervals;
    }

    private static List<VersionInterval>? NuGetIntervals(string range)
    {
        if (!VersionRange.TryParse(range, out var parsed))
        {
            return null;
        }
        return
        [
            new VersionInterval(
                parsed.HasLowerBound
                    ? new VersionBound(parsed.MinVersion!.ToNormalizedString(), parsed.IsMinInclusive)
                    : null,
                parsed.HasUpperBound
                    ? new VersionBound(parsed.MaxVersion!.ToNormalizedString(), parsed.IsMaxInclusive)
                    : null),
        ];
    }

    /// <summary>Sorts by lower bound and joins intervals that overlap or touch, so each version lies in at most
    /// one.</summary>
    private List<VersionInterval> Merge(List<VersionInterval> intervals)
    {
        intervals.Sort((a, b) => (a.Lower, b.Lower) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            ({ } x, { } y) => Compare(x.Version, y.Version) is var order && order != 0
                ? order
                : x.Inclusive == y.Inclusive ? 0 : x.Inclusive ? -1 : 1,
        });
        var merged = new List<VersionInterval>();
        foreach (var next in intervals)
        {
            if (merged.Count > 0 && Joins(merged[^1], next))
            {
                var last = merged[^1];
                merged[^1] = last with { Upper = Higher(last.Upper, next.Upper) };
            }
            else
            {
                merged.Add(next);
            }
        }
        return merged;
    }

    private bool Joins(VersionInterval first, VersionInterval next) =>
        first.Upper is not { } upper || next.Lower is not { } lower
        || Compare(lower.Version, upper.Version) is var order
            && (order < 0 || order == 0 && (lower.Inclusive || upper.Inclusive));

    private VersionBound? Higher(VersionBound? a, VersionBound? b) =>
        a is null || b is null ? null
        : Compare(a.Version, b.Version) is var order && (order > 0 || order == 0 && a.Inclusive) ? a : b;
}
