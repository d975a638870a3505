using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Osv;

namespace Vigil.Core.Npm;

/// <summary>
/// <c>patched_versions</c> and <c>recommendation</c> of a v6 advisory (docs/api.md, "npm audit").
/// <list type="number">
/// <item>The record's own range where it carries one (<c>affected[].database_specific.patched_versions</c>: the
/// Node.js WG importer keeps it there, and any OSV record may), verbatim; WG <c>null</c> and a range no
/// version above 0.0.0 satisfies (the WG's <c>&lt;=0.0.0</c>) are "no fix", written <c>&lt;0.0.0</c> as the npm
/// registry wrote it and as pnpm looks for it (<c>--ignore-unfixable</c>, <c>--fix</c>).</item>
/// <item>Otherwise, from <c>vulnerable_versions</c>: each interval closed by a fix (<c>&lt;F</c>) is followed by
/// a patched one up to the next vulnerable line (<c>&lt;0.2.1</c> → <c>&gt;=0.2.1</c>; <c>&lt;0.2.1 || &gt;=1.0.0
/// &lt;1.2.6</c> → <c>&gt;=0.2.1 &lt;1.0.0 || &gt;=1.2.6</c>). An interval closed by a last affected version
/// (<c>&lt;=L</c>, OSV's <c>last_affected</c>) has no known fix and opens nothing, as in the WG export.</item>
/// </list>
/// </summary>
public static partial class NpmPatchedVersions
{
    public const string None = "<0.0.0";

    /// <summary>The key under <c>affected[].database_specific</c> that keeps a record's own patched range.</summary>
    public const string PatchedKey = "patched_versions";

    /// <summary>
    /// Appended to a no-fix range in the bulk answer: every version satisfies it, so the range matches exactly
    /// what it matched, but it no longer ends in an upper bound.
    /// </summary>
    public const string AnyVersion = ">=0.0.0-0";

    private static readonly NpmRange AboveZero = NpmRange.TryParse(">0.0.0", NpmSemverOptions.NpmAudit, out var range)
        ? range : throw new InvalidOperationException("unreachable");

    /// <summary>
    /// The served <c>patched_versions</c>: the record's own range (<paramref name="kept"/>), else derived.
    /// </summary>
    public static string Served(string vulnerableVersions, string? kept, string? fixedVersion) =>
        kept is not null && Normalise(kept) is { } normalised ? normalised : From(vulnerableVersions, fixedVersion);

    /// <summary>
    /// The patched range a record carries: the string under <see cref="PatchedKey"/>, <see cref="None"/> for
    /// JSON <c>null</c> (the WG's "no fix"), null when the key is absent or holds something else.
    /// </summary>
    public static string? Kept(JsonObject? databaseSpecific) =>
        databaseSpecific is null || !databaseSpecific.TryGetPropertyValue(PatchedKey, out var node) ? null
        : node is null ? None
        : node is JsonValue value && value.TryGetValue<string>(out var text) ? text
        : null;

    /// <summary>
    /// A kept range as served: verbatim, or <see cref="None"/> when no version above 0.0.0 satisfies it;
    /// null when npm cannot read it (then the range is derived instead).
    /// </summary>
    public static string? Normalise(string kept) =>
        !NpmRange.TryParseCached(kept, NpmSemverOptions.NpmAudit, out var range) ? null
        : range.Intersects(AboveZero, NpmSemverOptions.NpmAudit) ? kept
        : None;

    /// <summary>
    /// Derived from the vulnerable range: the versions after each fix, up to the next vulnerable line.
    /// </summary>
    public static string From(string vulnerableVersions, string? fixedVersion)
    {
        var range = OsvNpmRanges.FromNpmRange(vulnerableVersions);
        if (range is null)
        {
            return fixedVersion is null ? None : ">=" + fixedVersion;
        }
        var parts = new List<string>();
        string? lower = null; // the open patched interval's lower bound, after a fix
        foreach (var evt in range.Events)
        {
            switch (evt.Kind)
            {
                case OsvEventKind.Introduced:
                    if (lower is not null && evt.Version != "0")
                    {
                        parts.Add($"{lower} <{evt.Version}");
                    }
                    lower = null;
                    break;
                case OsvEventKind.Fixed:
                    lower = ">=" + evt.Version;
                    break;
                case OsvEventKind.LastAffected:
                    lower = null;
                    break;
            }
        }
        if (lower is not null)
        {
            parts.Add(lower);
        }
        return parts.Count == 0 ? None : string.Join(" || ", parts);
    }

    /// <summary>
    /// The bulk answer's <c>vulnerable_versions</c>. The bulk format has no patched range: pnpm 11 infers one from
    /// a trailing <c>&lt;x</c> (<c>&gt;=x</c>) or <c>&lt;=x</c> (<c>&gt;=x+1</c>), so the WG's <c>&lt;=99.999.99999</c>
    /// would become an override to a version that does not exist. A no-fix range that ends in an upper bound gets
    /// <see cref="AnyVersion"/> appended: it matches the same versions, and pnpm 11 infers no fix.
    /// </summary>
    public static string BulkRange(string vulnerableVersions, string patchedVersions) =>
        patchedVersions == None && TrailingUpperBound().IsMatch(vulnerableVersions)
            ? vulnerableVersions + " " + AnyVersion
            : vulnerableVersions;

    /// <summary>
    /// The record's own recommendation where it has one, else "None" when nothing is patched, else
    /// "Upgrade to version … or later" with the lower bounds of the patched range.
    /// </summary>
    public static string Recommendation(string patchedVersions, string? kept = null)
    {
        if (kept is { Length: > 0 })
        {
            return kept;
        }
        if (patchedVersions == None)
        {
            return "None";
        }
        var fixes = OsvNpmRanges.FromNpmRange(patchedVersions)?.Events
            .Where(e => e.Kind == OsvEventKind.Introduced && e.Version != "0").Select(e => e.Version).ToList() ?? [];
        return fixes.Count == 0
            ? $"Upgrade to a version in {patchedVersions}"
            : $"Upgrade to version {string.Join(", ", fixes)} or later";
    }

    // pnpm 11's inference (audit/lib: inferPatchedVersions): the range's last comparator is <x or <=x.
    [GeneratedRegex(@"(?:^|\s)<=?\s*\d+\.\d+\.\d[\w\-.+]*\s*$")]
    private static partial Regex TrailingUpperBound();
}
