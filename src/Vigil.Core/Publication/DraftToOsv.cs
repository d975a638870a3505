using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Publication;

/// <summary>A validated draft as an OSV 1.7.5 document with the given id and instants.</summary>
internal static class DraftToOsv
{
    public static OsvVulnerability Build(
        AdvisoryDraft draft, string id, DateTimeOffset published, DateTimeOffset modified)
    {
        var vulnerability = new OsvVulnerability
        {
            SchemaVersion = OsvVulnerability.CurrentSchemaVersion,
            Id = id,
            Modified = modified,
            Published = published,
            Summary = draft.Summary.Trim(),
            Details = string.IsNullOrWhiteSpace(draft.Details) ? null : draft.Details,
            Aliases = draft.Aliases is { Count: > 0 } aliases
                ? aliases.Distinct(StringComparer.Ordinal).ToList()
                : null,
            Affected = draft.Packages.Select(Affected).ToList(),
            References = draft.References is { Count: > 0 } refs
                ? refs.Select(r => new OsvReference { Type = r.Type, Url = r.Url }).ToList()
                : null,
            Credits = draft.Credits is { Count: > 0 } credits
                ? credits.Select(c => new OsvCredit
                {
                    Name = c.Name.Trim(),
                    Type = c.Type,
                    Contact = c.Contact is { Count: > 0 } contact ? contact.ToList() : null,
                }).ToList()
                : null,
        };
        if (draft.CvssVector is { } vector)
        {
            var type = vector.StartsWith("CVSS:4.0/", StringComparison.Ordinal) ? "CVSS_V4" : "CVSS_V3";
            vulnerability.Severity = [new OsvSeverity { Type = type, Score = vector }];
        }
        if (draft.Cwes is { Count: > 0 } cwes)
        {
            vulnerability.DatabaseSpecific = new JsonObject
            {
                ["cwe_ids"] = new JsonArray(cwes.Distinct(StringComparer.Ordinal).Select(c => (JsonNode)c).ToArray()),
            };
        }
        return vulnerability;
    }

    /// <summary>The package with its purl (what OSV clients such as osv-offline match on).</summary>
    private static OsvPackage Package(DraftPackage package)
    {
        var name = package.Name.Trim();
        return new OsvPackage
        {
            Ecosystem = package.Ecosystem,
            Name = name,
            Purl = PackageUrl.For(package.Ecosystem, name),
        };
    }

    /// <summary>
    /// npm versions are SemVer, so npm uses a SEMVER range; NuGet's order is its own (ECOSYSTEM). No end
    /// event leaves the range open (no fixed version yet). OSV forbids mixing <c>fixed</c> and
    /// <c>last_affected</c> in one range, so intervals that end at a last affected version go into a
    /// second range of the same package; a version is affected when any range says so.
    /// </summary>
    private static OsvAffected Affected(DraftPackage package)
    {
        var type = package.Ecosystem == "npm" ? "SEMVER" : "ECOSYSTEM";
        var ranges = package.AllIntervals
            .GroupBy(interval => interval.LastAffected is not null)
            .OrderBy(group => group.Key)
            .Select(group => new OsvRangeModel { Type = type, Events = group.SelectMany(Events).ToList() })
            .ToList();
        return new OsvAffected
        {
            Package = Package(package),
            Ranges = ranges,
        };
    }

    private static IEnumerable<OsvEventModel> Events(DraftInterval interval)
    {
        yield return new OsvEventModel { Introduced = interval.Introduced };
        if (interval.Fixed is { } fixedVersion)
        {
            yield return new OsvEventModel { Fixed = fixedVersion };
        }
        else if (interval.LastAffected is { } last)
        {
            yield return new OsvEventModel { LastAffected = last };
        }
    }
}
