using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Exports.NodejsWg;

/// <summary>
/// OSV SEMVER/ECOSYSTEM events of an npm package → an npm range, for advisories that did not come from
/// the WG (schema § Evaluation: walking events in order, introduced opens an interval, fixed closes it
/// exclusively, last_affected inclusively; limit is ignored). <c>versions[]</c> become exact alternatives.
/// Events are taken in the order written, as OSV producers (GitHub, osv.dev) write them sorted.
/// TEMP: Vigil.Versioning's OSV→npm conversion replaces this once Vigil.Core references that project again.
/// </summary>
internal static class OsvEventsToNpm
{
    /// <summary>The vulnerable range, e.g. "&gt;=1.0.0 &lt;1.0.2 || &gt;=3.0.0 &lt;3.2.5"; null when nothing is said.</summary>
    public static string? Vulnerable(OsvAffected affected)
    {
        var parts = new List<string>();
        foreach (var range in SemverRanges(affected))
        {
            string? open = null;
            foreach (var e in range.Events)
            {
                if (e.Introduced is { } introduced)
                {
                    open ??= introduced == "0" ? "" : ">=" + introduced;
                }
                else if (open is not null && (e.Fixed ?? e.LastAffected) is { } end)
                {
                    parts.Add(Join(open, (e.Fixed is not null ? "<" : "<=") + end));
                    open = null;
                }
            }
            if (open is not null)
            {
                parts.Add(open.Length == 0 ? "*" : open);
            }
        }
        parts.AddRange(affected.Versions ?? []);
        return parts.Count == 0 ? null : string.Join(" || ", parts.Distinct(StringComparer.Ordinal));
    }

    /// <summary>The versions that fix it: "&gt;=F" after each fixed event, bounded by the next introduced; null when there is no fix.</summary>
    public static string? Patched(OsvAffected affected)
    {
        var parts = new List<string>();
        foreach (var range in SemverRanges(affected))
        {
            string? fixedAt = null;
            foreach (var e in range.Events)
            {
                if (e.Fixed is { } f)
                {
                    fixedAt = ">=" + f;
                }
                else if (e.Introduced is { } introduced && fixedAt is not null)
                {
                    parts.Add(Join(fixedAt, "<" + introduced));
                    fixedAt = null;
                }
            }
            if (fixedAt is not null)
            {
                parts.Add(fixedAt);
            }
        }
        return parts.Count == 0 ? null : string.Join(" || ", parts.Distinct(StringComparer.Ordinal));
    }

    private static IEnumerable<OsvRangeModel> SemverRanges(OsvAffected affected) =>
        (affected.Ranges ?? []).Where(r => r.Type is "SEMVER" or "ECOSYSTEM");

    private static string Join(string a, string b) => a.Length == 0 ? b : a + " " + b;
}
