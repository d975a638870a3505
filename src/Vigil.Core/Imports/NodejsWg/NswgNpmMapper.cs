using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Imports.Osv;
using Vigil.Versioning.Npm;

namespace Vigil.Core.Imports.NodejsWg;

/// <summary>
/// One WG ecosystem record (<c>vuln/npm/&lt;n&gt;.json</c>) → OSV. Field by field (docs/importers.md):
/// id → <c>NSWG-ECO-&lt;id&gt;</c>; cves → aliases; title → summary; overview + recommendation → details;
/// updated_at → modified; publish_date → published; created_at, cvss_score → database_specific;
/// cvss_vector → severity CVSS_V3; references → references; author → FINDER credit;
/// coordinating_vendor → COORDINATOR credit; module_name → affected[0].package;
/// vulnerable_versions, patched_versions → affected[0].database_specific verbatim and, where they map,
/// ECOSYSTEM range events.
/// </summary>
internal static class NswgNpmMapper
{
    public static OsvVulnerability ToOsv(JsonObject entry)
    {
        var number = NswgFields.RequiredInteger(entry, "id");
        var module = NswgFields.RequiredString(entry, "module_name");
        var vulnerable = NswgFields.RequiredString(entry, "vulnerable_versions");
        var parsed = NswgRanges.Parse("vulnerable_versions", vulnerable);
        var patched = NswgFields.OptionalString(entry, "patched_versions");
        if (patched is not null)
        {
            NswgRanges.Parse("patched_versions", patched);
        }
        var published = NswgFields.OptionalDate(entry, "publish_date");
        var created = NswgFields.OptionalDate(entry, "created_at");
        var modified = NswgFields.OptionalDate(entry, "updated_at") ?? published ?? created
            ?? NswgFormat.UnknownModified;
        var vector = NswgFields.OptionalString(entry, "cvss_vector");
        var score = NswgFields.OptionalNumber(entry, "cvss_score");
        var references = NswgFields.OptionalStringArray(entry, "references");

        var databaseSpecific = new JsonObject();
        if (NswgFields.OptionalString(entry, "created_at") is { } createdText)
        {
            databaseSpecific[NswgFormat.CreatedAt] = createdText;
        }
        if (IsCvssScore(score))
        {
            databaseSpecific[NswgFormat.CvssScore] = score!.DeepClone();
        }
        return new OsvVulnerability
        {
            SchemaVersion = OsvSchemaValidator.SchemaVersion,
            Id = NswgFormat.NpmIdPrefix + number.ToString(CultureInfo.InvariantCulture),
            Modified = modified,
            Published = published,
            Aliases = NonEmpty(NswgFields.OptionalStringArray(entry, "cves")),
            Summary = NswgFields.OptionalString(entry, "title"),
            Details = NswgFormat.JoinDetails(
                NswgFields.OptionalString(entry, "overview"), NswgFields.OptionalString(entry, "recommendation")),
            Severity = vector is not null && OsvSeverityPatterns.TypeOf(vector) is { } type
                ? [new OsvSeverity { Type = type, Score = vector }]
                : null,
            Affected = [Affected(module, vulnerable, patched, parsed)],
            References = references?.Select(
                url => new OsvReference { Type = NswgFormat.ReferenceType(url), Url = url }).ToList(),
            Credits = NonEmpty(Credits(entry)),
            DatabaseSpecific = databaseSpecific.Count > 0 ? databaseSpecific : null,
        };
    }

    /// <summary>CVSS base scores run from 0.0 to 10.0; the WG writes -1 for "not scored", which stays
    /// WG-only.</summary>
    internal static bool IsCvssScore(JsonNode? score) =>
        score is not null && score.AsValue().TryGetValue<double>(out var value) && value is >= 0 and <= 10;

    private static OsvAffected Affected(string module, string vulnerable, string? patched, NpmRange parsed)
    {
        var ranges = NpmRangeEvents.ToRanges(parsed);
        return new OsvAffected
        {
            Package = new OsvPackage { Ecosystem = "npm", Name = module, Purl = NpmPurl(module) },
            Ranges = ranges.Count > 0 ? ranges : null,
            DatabaseSpecific = new JsonObject
            {
                [NswgFormat.VulnerableVersions] = vulnerable,
                [NswgFormat.PatchedVersions] = patched,
            },
        };
    }

    private static List<OsvCredit> Credits(JsonObject entry)
    {
        var credits = new List<OsvCredit>();
        if (NswgFields.OptionalObject(entry, "author") is { } author)
        {
            var name = NswgFields.OptionalString(author, "name");
            var contact = new List<string>();
            if (NswgFields.OptionalString(author, "website") is { Length: > 0 } website)
            {
                contact.Add(website);
            }
            if (NswgFields.OptionalString(author, "username") is { Length: > 0 } username)
            {
                contact.Add(NswgFormat.HackerOneProfile + username);
            }
            if (!string.IsNullOrEmpty(name))
            {
                credits.Add(
                    new OsvCredit { Name = name, Contact = contact.Count > 0 ? contact : null, Type = "FINDER" });
            }
        }
        if (NswgFields.OptionalString(entry, "coordinating_vendor") is { Length: > 0 } vendor)
        {
            credits.Add(new OsvCredit { Name = vendor, Type = "COORDINATOR" });
        }
        return credits;
    }

    /// <summary>purl-spec npm type: the scope's '@' is percent-encoded and the name is lowercased.</summary>
    internal static string NpmPurl(string name) => PackageUrl.For("npm", name)!;

    private static List<T>? NonEmpty<T>(List<T>? list) => list is { Count: > 0 } ? list : null;
}

/// <summary>
/// Checks a WG range with node-semver's strict grammar. npm audit reads advisory ranges loosely, and
/// loose parsing silently drops what it cannot read (">=1.0.0 <" becomes ">=1.0.0", "1.x || foo"
/// becomes "1.x"); in a vulnerability database that is a typo that would hide affected versions, so it
/// is refused. A range that passes is then read with npm audit's own options (loose, includePrerelease)
/// for the OSV events, so the events describe what npm audit matches.
/// </summary>
internal static class NswgRanges
{
    public static NpmRange Parse(string field, string range) =>
        NpmRange.TryParse(range, NpmSemverOptions.Default, out _)
            && NpmRange.TryParse(range, NpmSemverOptions.NpmAudit, out var parsed)
            ? parsed
            : throw new NswgFormatException($"'{field}' is not a valid npm range: '{range}' (node-semver refuses it)");
}
