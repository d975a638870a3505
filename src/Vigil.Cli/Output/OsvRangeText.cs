using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Cli.Output;

/// <summary>
/// Shows an OSV <c>affected</c> entry's versions the way people write them: <c>&gt;=1.0.0 &lt;1.2.3 || 2.0.0</c>.
/// </summary>
internal static class OsvRangeText
{
    /// <summary>
    /// The key where importers keep the exact npm range (the Node.js WG's <c>vulnerable_versions</c>).
    /// </summary>
    private const string NpmRangeKey = "vulnerable_versions";

    /// <summary>
    /// The WG's exact npm range of fixed versions (e.g. <c>&gt;=1.5.2</c>), kept beside <see cref="NpmRangeKey"/>.
    /// </summary>
    private const string NpmPatchedKey = "patched_versions";

    public static string Vulnerable(OsvAffected affected)
    {
        if (Kept(affected, NpmRangeKey) is { } npmRange)
        {
            return npmRange;
        }
        var parts = new List<string>();
        foreach (var range in affected.Ranges ?? [])
        {
            parts.AddRange(Intervals(range));
        }
        parts.AddRange(affected.Versions ?? []);
        return parts.Count == 0 ? "(none listed)" : string.Join(" || ", parts);
    }

    /// <summary>
    /// The versions that fix it: the kept npm range when there is one (a WG advisory may say <c>&gt;=1.5.2</c> while
    /// its events end at <c>last_affected</c>), else the <c>fixed</c> events.
    /// </summary>
    public static string Fixed(OsvAffected affected)
    {
        if (Kept(affected, NpmPatchedKey) is { } patched)
        {
            return patched;
        }
        var fixedIn = (affected.Ranges ?? [])
            .SelectMany(r => r.Events)
            .Select(e => e.Fixed)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return fixedIn.Count == 0 ? "no fix" : string.Join(", ", fixedIn);
    }

    private static string? Kept(OsvAffected affected, string key) =>
        affected.DatabaseSpecific is { } specific && specific.TryGetPropertyValue(key, out var node)
            && node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// OSV events are read in order (schema § affected[].ranges[].events): each <c>introduced</c> opens an
    /// interval that the next <c>fixed</c>, <c>last_affected</c> or <c>limit</c> closes.
    /// </summary>
    private static IEnumerable<string> Intervals(OsvRangeModel range)
    {
        string? start = null;
        foreach (var e in range.Events)
        {
            if (e.Introduced is { } introduced)
            {
                start = introduced == "0" ? "" : $">={introduced}";
                continue;
            }
            var end = e.Fixed is { } f ? $"<{f}"
                : e.LastAffected is { } l ? $"<={l}"
                : e.Limit is { } m ? $"<{m}"
                : null;
            if (start is not null && end is not null)
            {
                yield return Join(start, end);
                start = null;
            }
        }
        if (start is not null)
        {
            yield return start.Length == 0 ? "*" : start;
        }
    }

    private static string Join(string start, string end) => start.Length == 0 ? end : $"{start} {end}";
}
