using Vigil.Core.Advisories.Osv;
using Vigil.Versioning.Npm;

namespace Vigil.Core.Exports.NodejsWg;

/// <summary>
/// The WG's <c>patched_versions</c> from OSV events, for advisories that did not come from the WG
/// (the vulnerable range comes from <see cref="Advisories.AffectedRanges.ToNpmRange"/>, the one Vigil's
/// audit matches with). Schema § Evaluation: introduced opens an interval, fixed closes it. The
/// intervals of all the package's affected entries are taken together and sorted, so each fix is
/// bounded by the next affected line (<c>&gt;=0.2.1 &lt;1.0.0 || &gt;=1.2.3</c>); Vigil.Versioning has no
/// such conversion.
/// </summary>
internal static class OsvEventsToNpm
{
    private sealed record Interval(string Introduced, string? End, bool EndInclusive);

    /// <summary>The fixed versions: "&gt;=F" after each fixed event, up to the next interval's introduced; null when
    /// nothing is fixed.</summary>
    public static string? Patched(IReadOnlyList<OsvAffected> affected)
    {
        var intervals = Intervals(affected);
        var parts = new List<string>();
        for (var i = 0; i < intervals.Count; i++)
        {
            if (intervals[i] is { End: { } end, EndInclusive: false })
            {
                parts.Add(Join(">=" + end, i + 1 < intervals.Count ? "<" + intervals[i + 1].Introduced : ""));
            }
        }
        return parts.Count == 0 ? null : string.Join(" || ", parts.Distinct(StringComparer.Ordinal));
    }

    private static List<Interval> Intervals(IReadOnlyList<OsvAffected> affected)
    {
        var intervals = new List<Interval>();
        foreach (var range in affected.SelectMany(a => a.Ranges ?? []).Where(r => r.Type is "SEMVER" or "ECOSYSTEM"))
        {
            string? open = null;
            foreach (var e in range.Events)
            {
                if (e.Introduced is { } introduced)
                {
                    open ??= introduced;
                }
                else if (open is not null && (e.Fixed ?? e.LastAffected) is { } end)
                {
                    intervals.Add(new Interval(open, end, e.Fixed is null));
                    open = null;
                }
            }
            if (open is not null)
            {
                intervals.Add(new Interval(open, null, false));
            }
        }
        // Stable sort by the introduced version ("0" first); versions npm cannot read keep their place at the end.
        return intervals.OrderBy(i => Version(i.Introduced) is null)
            .ThenBy(i => Version(i.Introduced), Comparer<NpmVersion?>.Create(Compare))
            .ToList();
    }

    private static NpmVersion? Version(string text) =>
        text == "0"
            ? new NpmVersion(0, 0, 0)
            : NpmVersion.TryParse(text, NpmSemverOptions.NpmAudit, out var v) ? v : null;

    private static int Compare(NpmVersion? a, NpmVersion? b) => a is null || b is null ? 0 : a.CompareTo(b);

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + " " + b;
}
