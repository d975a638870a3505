using Vigil.Versioning.Osv;

namespace Vigil.Core.Compat;

/// <summary>
/// <c>patched_versions</c> and <c>recommendation</c> of a v6 advisory, from its <c>vulnerable_versions</c>: the
/// complement of the range's intervals (<c>&lt;0.2.1</c> → <c>&gt;=0.2.1</c>; <c>&gt;=1.0.0 &lt;1.2.6</c> →
/// <c>&lt;1.0.0 || &gt;=1.2.6</c>). A range that is not a list of disjoint intervals falls back to
/// <c>&gt;=first fixed</c>; nothing patched is <c>&lt;0.0.0</c>, as the npm registry wrote it.
/// </summary>
public static class NpmPatchedVersions
{
    public const string None = "<0.0.0";

    public static string From(string vulnerableVersions, string? fixedVersion)
    {
        var range = OsvNpmRanges.FromNpmRange(vulnerableVersions);
        if (range is null)
        {
            return fixedVersion is null ? None : ">=" + fixedVersion;
        }
        var parts = new List<string>();
        string? lower = string.Empty; // the open patched interval's lower bound; "" = from the first version
        foreach (var evt in range.Events)
        {
            switch (evt.Kind)
            {
                case OsvEventKind.Introduced:
                    if (lower is not null && evt.Version != "0")
                    {
                        parts.Add(lower.Length == 0 ? "<" + evt.Version : $"{lower} <{evt.Version}");
                    }
                    lower = null;
                    break;
                case OsvEventKind.Fixed:
                    lower = ">=" + evt.Version;
                    break;
                case OsvEventKind.LastAffected:
                    lower = ">" + evt.Version;
                    break;
            }
        }
        if (lower is { Length: > 0 })
        {
            parts.Add(lower);
        }
        return parts.Count == 0 ? None : string.Join(" || ", parts);
    }

    public static string Recommendation(string vulnerableVersions, string? fixedVersion)
    {
        var fixes = OsvNpmRanges.FromNpmRange(vulnerableVersions)?.Events
            .Where(e => e.Kind == OsvEventKind.Fixed).Select(e => e.Version).ToList()
            ?? (fixedVersion is null ? [] : [fixedVersion]);
        return fixes.Count == 0 ? "None" : $"Upgrade to version {string.Join(", ", fixes)} or later";
    }
}
