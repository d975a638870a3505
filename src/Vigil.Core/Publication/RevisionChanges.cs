using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Publication;

/// <summary>What a correction changed, in words a reader of the advisory understands: <c>npm/x: &lt;1.0.0 → &lt;1.4.2;
/// severity: … → …</c>.</summary>
internal static class RevisionChanges
{
    public static string Describe(OsvVulnerability before, OsvVulnerability after)
    {
        var changes = new List<string>();
        var old = Ranges(before);
        var now = Ranges(after);
        foreach (var key in old.Keys.Union(now.Keys))
        {
            var was = old.GetValueOrDefault(key);
            var becomes = now.GetValueOrDefault(key);
            if (was != becomes)
            {
                changes.Add($"{key}: {was ?? "(not listed)"} → {becomes ?? "(removed)"}");
            }
        }
        Compare("severity", before.Severity?.FirstOrDefault()?.Score, after.Severity?.FirstOrDefault()?.Score);
        Compare("summary", before.Summary, after.Summary, words: false);
        Compare("details", before.Details, after.Details, words: false);
        Compare("references", Join(before.References?.Select(r => $"{r.Type} {r.Url}")), Join(
            after.References?.Select(r => $"{r.Type} {r.Url}")), words: false);
        Compare("credits", Join(before.Credits?.Select(c => $"{c.Name} ({c.Type})")), Join(
            after.Credits?.Select(c => $"{c.Name} ({c.Type})")));
        return string.Join("; ", changes);

        void Compare(string field, string? was, string? becomes, bool words = true)
        {
            if (!string.Equals(was, becomes, StringComparison.Ordinal))
            {
                changes.Add(words ? $"{field}: {was ?? "(none)"} → {becomes ?? "(none)"}" : $"{field} changed");
            }
        }
    }

    private static string? Join(IEnumerable<string>? items) => items is null ? null : string.Join(", ", items);

    private static Dictionary<string, string?> Ranges(OsvVulnerability vulnerability) =>
        (vulnerability.Affected ?? []).GroupBy(a => $"{a.Package.Ecosystem}/{a.Package.Name}")
            .ToDictionary(g => g.Key, g => (string?)string.Join(" || ", g.Select(Range)));

    private static string Range(OsvAffected affected) => affected.Package.Ecosystem == "npm"
        ? AffectedRanges.ToNpmRange(affected) ?? "(none)"
        : string.Join(", ", (affected.Ranges ?? []).SelectMany(r => r.Events).Select(e =>
            e.Introduced is { } i
                ? $"from {i}"
                : e.Fixed is { } f ? $"fixed in {f}" : e.LastAffected is { } l ? $"through {l}" : $"limit {e.Limit}"));
}
