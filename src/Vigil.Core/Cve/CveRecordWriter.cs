using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Errors;

namespace Vigil.Core.Cve;

/// <summary>
/// Turns a published OSV advisory into a CVE record in CVE JSON 5.1 (the CVE Record Format): the CNA
/// container that CVE Services accepts for publication (<c>{"cnaContainer": …}</c>), or the full record
/// with <c>cveMetadata</c>. Only fields the advisory really has are written; nothing is invented.
/// </summary>
public static class CveRecordWriter
{
    public const string DataVersion = "5.1";

    /// <summary>The body CVE Services takes to publish a record: <c>{"cnaContainer": {…}}</c>.</summary>
    public static JsonObject SubmissionBody(OsvVulnerability advisory, CveRecordRequest request) =>
        new() { ["cnaContainer"] = CnaContainer(advisory, request) };

    /// <summary>A whole record (dataType CVE_RECORD) as CVE's own list publishes it.</summary>
    public static JsonObject FullRecord(OsvVulnerability advisory, CveRecordRequest request)
    {
        var metadata = new JsonObject
        {
            ["cveId"] = request.CveId,
            ["assignerOrgId"] = request.AssignerOrgId.ToString("D"),
            ["state"] = "PUBLISHED",
        };
        if (request.AssignerShortName is { } shortName)
        {
            metadata["assignerShortName"] = shortName;
        }
        if (advisory.Published is { } published)
        {
            metadata["datePublished"] = CveJson.Timestamp(published);
        }
        metadata["dateUpdated"] = CveJson.Timestamp(advisory.Modified);
        return new JsonObject
        {
            ["dataType"] = "CVE_RECORD",
            ["dataVersion"] = DataVersion,
            ["cveMetadata"] = metadata,
            ["containers"] = new JsonObject { ["cna"] = CnaContainer(advisory, request) },
        };
    }

    /// <summary>The CNA container: provider, title, descriptions, affected, problem types, metrics, references,
    /// credits.</summary>
    public static JsonObject CnaContainer(OsvVulnerability advisory, CveRecordRequest request)
    {
        Validate(advisory, request);
        var cna = new JsonObject
        {
            ["providerMetadata"] = new JsonObject { ["orgId"] = request.AssignerOrgId.ToString("D") },
        };
        if (!string.IsNullOrWhiteSpace(advisory.Summary))
        {
            cna["title"] = advisory.Summary;
        }
        if (advisory.Published is { } published)
        {
            cna["datePublic"] = CveJson.Timestamp(published);
        }
        cna["descriptions"] = new JsonArray(CveJson.English(Description(advisory)));
        cna["affected"] = CveAffected.From(advisory.Affected!, request);
        CveJson.AddIfAny(cna, "problemTypes", CveProblemTypes.From(advisory.DatabaseSpecific));
        CveJson.AddIfAny(cna, "metrics", CveMetrics.From(advisory.Severity));
        cna["references"] = CveReferences.From(advisory);
        CveJson.AddIfAny(cna, "credits", CveCredits.From(advisory.Credits));
        return cna;
    }

    private static string Description(OsvVulnerability advisory) =>
        string.Join("\n\n", new[] { advisory.Summary, advisory.Details }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>The schema's minimum for a published CNA container: a description, an affected product, a
    /// reference.</summary>
    private static void Validate(OsvVulnerability advisory, CveRecordRequest request)
    {
        if (!CveRecordRequest.IsCveId(request.CveId))
        {
            throw Invalid("cveId", $"'{request.CveId}' is not a CVE id (CVE-YYYY-NNNN…).");
        }
        if (request.AssignerOrgId == Guid.Empty)
        {
            throw Invalid("assignerOrgId", "the CNA's organisation id (a UUID from CVE Services) is required.");
        }
        if (string.IsNullOrWhiteSpace(advisory.Summary) && string.IsNullOrWhiteSpace(advisory.Details))
        {
            throw Invalid("descriptions", $"advisory {advisory.Id} has neither a summary nor details to describe it.");
        }
        if (advisory.Affected is not { Count: > 0 })
        {
            throw Invalid("affected", $"advisory {advisory.Id} names no affected package.");
        }
    }

    private static ValidationFailedException Invalid(string field, string message) =>
        new($"The CVE record cannot be written: {field}: {message}", new Dictionary<string, string[]>
        {
            [field] = [message],
        });
}
