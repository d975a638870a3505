using NuGet.Versioning;

namespace Vigil.Versioning.Osv;

/// <summary>
/// The versions an OSV <c>affected[]</c> entry of the NuGet ecosystem marks affected, as NuGet version
/// ranges (the <c>versions</c> of NuGet's VulnerabilityInfo resource, which holds one range per entry):
/// one <see cref="VersionRange"/> per interval the events open and close, plus <c>[v, v]</c> for each listed
/// version no interval covers. <c>introduced: a</c> … <c>fixed: b</c> ⇔ <c>[a, b)</c>;
/// <c>last_affected: b</c> ⇔ <c>[a, b]</c>; <c>introduced: "0"</c> ⇔ no lower bound; a <c>limit</c> caps
/// the upper bound (exclusive). Versions NuGet can't read are ignored, as OSV evaluation does.
/// </summary>
public static class OsvNuGetRanges
{
    public static IReadOnlyList<VersionRange> ToVersionRanges(OsvAffected affected)
    {
        ArgumentNullException.ThrowIfNull(affected);
        var ranges = affected.Ranges.Where(r => r.Type != OsvRange.Git).SelectMany(ToVersionRanges).ToList();
        foreach (var listed in affected.Versions)
        {
            if (NuGetVersion.TryParse(listed, out var version) && !ranges.Any(r => r.Satisfies(version)))
            {
                ranges.Add(new VersionRange(version, includeMinVersion: true, version, includeMaxVersion: true));
            }
        }

        return ranges.Distinct().ToList();
    }

    /// <summary>One ECOSYSTEM or SEMVER range's intervals (OSV schema § Evaluation); none for GIT.</summary>
    public static IReadOnlyList<VersionRange> ToVersionRanges(OsvRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var result = new List<VersionRange>();
        if (range.Type == OsvRange.Git)
        {
            return result;
        }

        var events = OsvRangeEvaluation.Sort(range.Events, OsvVersionOrder.NuGet);
        var limits = events.Where(e => e.Event.Kind == OsvEventKind.Limit).ToList();
        // "below at least one limit" = below the largest; limit "*" (key null) lifts the cap.
        var cap = limits.Count == 0 || limits.Any(l => l.Key is null) ? null : (NuGetVersion)limits[^1].Key!;

        bool open = false;
        NuGetVersion? lower = null;
        foreach (var (evt, key) in events)
        {
            switch (evt.Kind)
            {
                case OsvEventKind.Introduced when !open:
                    open = true;
                    lower = (NuGetVersion?)key;
                    break;
                case OsvEventKind.Fixed or OsvEventKind.LastAffected when open:
                    Add(result, lower, (NuGetVersion)key!, evt.Kind == OsvEventKind.LastAffected, cap);
                    open = false;
                    break;
            }
        }

        if (open)
        {
            Add(result, lower, null, upperInclusive: false, cap);
        }

        return result;
    }

    private static void Add(
        List<VersionRange> result, NuGetVersion? lower, NuGetVersion? upper, bool upperInclusive, NuGetVersion? cap)
    {
        if (cap is not null && (upper is null || VersionComparer.Default.Compare(cap, upper) <= 0))
        {
            upper = cap;
            upperInclusive = false;
        }

        if (lower is not null && upper is not null)
        {
            int c = VersionComparer.Default.Compare(lower, upper);
            if (c > 0 || (c == 0 && !upperInclusive))
            {
                return; // empty: the limit is at or below the interval's start
            }
        }

        result.Add(
            new VersionRange(lower, includeMinVersion: lower is not null, upper, includeMaxVersion: upperInclusive));
    }
}
