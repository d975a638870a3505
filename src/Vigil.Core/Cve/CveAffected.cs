using System.Text.Json.Nodes;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Cve;

/// <summary>
/// OSV <c>affected</c> → CVE <c>affected</c>. Each OSV range becomes version entries read in event order
/// (OSV schema § Evaluation): introduced X … fixed Y → <c>{version: X, lessThan: Y}</c>; introduced X …
/// last_affected Z → <c>{version: X, lessThanOrEqual: Z}</c>; an introduced with no end → <c>lessThan: "*"</c>
/// (open-ended when no fix exists, as docs/publication.md says). Listed versions become single entries.
/// Everything else is unaffected (<c>defaultStatus</c>).
/// </summary>
internal static class CveAffected
{
    public static JsonArray From(IEnumerable<OsvAffected> affected, CveRecordRequest request)
    {
        var result = new JsonArray();
        foreach (var entry in affected)
        {
            var product = new JsonObject
            {
                ["vendor"] = request.Vendor,
                ["product"] = entry.Package.Name,
                ["packageName"] = entry.Package.Name,
            };
            if (request.CollectionUrls?.GetValueOrDefault(entry.Package.Ecosystem) is { } collection)
            {
                product["collectionURL"] = collection;
            }
            product["versions"] = Versions(entry);
            product["defaultStatus"] = "unaffected";
            result.Add(product);
        }
        return result;
    }

    private static JsonArray Versions(OsvAffected entry)
    {
        var versions = new JsonArray();
        var versionType = VersionType(entry.Package.Ecosystem);
        foreach (var range in entry.Ranges ?? [])
        {
            if (range.Type is not ("SEMVER" or "ECOSYSTEM"))
            {
                continue;
            }
            string? introduced = null;
            foreach (var e in range.Events)
            {
                if (e.Introduced is { } start)
                {
                    introduced = start;
                }
                else if (introduced is not null && (e.Fixed ?? e.Limit) is { } end)
                {
                    versions.Add(Entry(introduced, versionType, "lessThan", end));
                    introduced = null;
                }
                else if (introduced is not null && e.LastAffected is { } last)
                {
                    versions.Add(Entry(introduced, versionType, "lessThanOrEqual", last));
                    introduced = null;
                }
            }
            if (introduced is not null)
            {
                versions.Add(Entry(introduced, versionType, "lessThan", "*"));
            }
        }
        foreach (var version in entry.Versions ?? [])
        {
            versions.Add(
                new JsonObject { ["version"] = version, ["status"] = "affected", ["versionType"] = versionType });
        }
        if (versions.Count == 0 && AffectedRanges.ToNpmRange(entry) is { } npmRange)
        {
            // Only the exact npm range is known (e.g. a WG import): CVE's "custom" type carries it verbatim.
            versions.Add(
                new JsonObject { ["version"] = npmRange, ["status"] = "affected", ["versionType"] = "custom" });
        }
        return versions;
    }

    private static JsonObject Entry(string introduced, string versionType, string bound, string end) => new()
    {
        ["version"] = introduced,
        ["status"] = "affected",
        [bound] = end,
        ["versionType"] = versionType,
    };

    private static string VersionType(string ecosystem) => ecosystem switch
    {
        "npm" => "semver",
        "NuGet" => "nuget",
        _ => "custom",
    };
}
