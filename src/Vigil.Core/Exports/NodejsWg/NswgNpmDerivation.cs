using System.Text.Json.Nodes;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Imports.NodejsWg;
using static Vigil.Core.Exports.NodejsWg.NswgDerivation;

namespace Vigil.Core.Exports.NodejsWg;

/// <summary>
/// OSV → one WG ecosystem record (<c>npm/&lt;n&gt;.json</c>) for one npm package of the advisory, the
/// inverse of <see cref="NswgNpmMapper"/>. Works for any advisory: fields the WG importer stored are
/// read back exactly; for others they are derived (vulnerable_versions from the OSV events, dates from
/// published/modified, the author from the FINDER credit, …). Keys come in the WG's usual order.
/// </summary>
internal static class NswgNpmDerivation
{
    public static JsonObject Derive(OsvVulnerability v, long number, string package)
    {
        var affected = (v.Affected ?? [])
            .Where(a => AdvisoryRows.IsNpm(a.Package.Ecosystem) && a.Package.Name == package)
            .ToList();
        var (overview, recommendation) = NswgFormat.SplitDetails(v.Details);
        var vector = CvssV3(v);
        return new JsonObject
        {
            ["id"] = number,
            ["created_at"] = Node(v.DatabaseSpecific, NswgFormat.CreatedAt)?.DeepClone()
                ?? Date(v.Published ?? v.Modified),
            ["updated_at"] = Date(v.Modified),
            ["title"] = v.Summary,
            ["author"] = Author(Credit(v, "FINDER")),
            ["module_name"] = package,
            ["publish_date"] = Date(v.Published),
            ["cves"] = Cves(v),
            ["vulnerable_versions"] = Ranges(affected, NswgFormat.VulnerableVersions, Vulnerable),
            ["patched_versions"] = Ranges(affected, NswgFormat.PatchedVersions, OsvEventsToNpm.Patched),
            ["overview"] = overview,
            ["recommendation"] = recommendation,
            ["references"] = v.References is null ? null : Strings(v.References.Select(r => r.Url)),
            ["cvss_vector"] = vector,
            ["cvss_score"] = Node(v.DatabaseSpecific, NswgFormat.CvssScore)?.DeepClone() ?? Score(vector),
            ["coordinating_vendor"] = Credit(v, "COORDINATOR")?.Name,
        };
    }

    /// <summary>
    /// The range kept by the WG importer (one affected entry for WG records); otherwise converted from
    /// the OSV events of all the package's affected entries together.
    /// </summary>
    private static JsonNode? Ranges(
        List<OsvAffected> affected, string key, Func<IReadOnlyList<OsvAffected>, string?> convert)
    {
        if (affected.Count == 1 && affected[0].DatabaseSpecific is { } kept && kept.ContainsKey(key))
        {
            return kept[key]?.DeepClone();
        }
        return convert(affected);
    }

    /// <summary>Each entry's range as Vigil's audit reads it, as alternatives.</summary>
    private static string? Vulnerable(IReadOnlyList<OsvAffected> affected) =>
        affected.Select(AffectedRanges.ToNpmRange)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList() is { Count: > 0 } parts
            ? string.Join(" || ", parts)
            : null;

    private static JsonObject? Author(OsvCredit? finder)
    {
        if (finder is null)
        {
            return null;
        }
        var contact = finder.Contact ?? [];
        var profile = contact.FirstOrDefault(c => c.StartsWith(NswgFormat.HackerOneProfile, StringComparison.Ordinal));
        return new JsonObject
        {
            ["name"] = finder.Name,
            ["website"] = contact.FirstOrDefault(c => c != profile),
            ["username"] = profile?[NswgFormat.HackerOneProfile.Length..],
        };
    }

    private static JsonNode? Score(string? vector) =>
        CvssScores.BaseScore(vector) is { } score ? JsonValue.Create(score) : null;
}
