using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Cve;
using Vigil.Core.Errors;

namespace Vigil.Core.Tests.Cve;

/// <summary>CVE JSON 5.1 records from OSV advisories (CVE Record Format, cnaPublishedContainer).</summary>
public class CveRecordWriterTests
{
    private static readonly Guid Cna = Guid.Parse("b3476cb9-2e3d-41a6-98d0-0f47421a65b6");
    private static readonly CveRecordRequest Request = new("CVE-2026-12345", Cna, "vigil-example",
        new Dictionary<string, string> { ["npm"] = "https://packages.example.test/npm" });

    [Fact]
    public void FullRecord_PublishedAdvisory_HasTheRequiredMetadata()
    {
        var record = CveRecordWriter.FullRecord(Advisory(), Request);

        // "dataType", "dataVersion", "cveMetadata" and "containers" are required at the top level.
        Assert.Equal("CVE_RECORD", record["dataType"]!.GetValue<string>());
        Assert.Equal("5.1", record["dataVersion"]!.GetValue<string>());
        var metadata = record["cveMetadata"]!;
        Assert.Equal("CVE-2026-12345", metadata["cveId"]!.GetValue<string>());
        Assert.Equal(Cna.ToString(), metadata["assignerOrgId"]!.GetValue<string>());
        Assert.Equal("vigil-example", metadata["assignerShortName"]!.GetValue<string>());
        Assert.Equal("PUBLISHED", metadata["state"]!.GetValue<string>());
        Assert.Equal("2026-10-01T12:00:00.000Z", metadata["datePublished"]!.GetValue<string>());
        Assert.Equal("2026-10-02T08:30:15.250Z", metadata["dateUpdated"]!.GetValue<string>());
        Assert.Equal(Cna.ToString(), record["containers"]!["cna"]!["providerMetadata"]!["orgId"]!.GetValue<string>());
    }

    [Fact]
    public void SubmissionBody_WrapsTheCnaContainer()
    {
        var body = CveRecordWriter.SubmissionBody(Advisory(), Request);

        var cna = Assert.IsType<JsonObject>(body["cnaContainer"]);
        Assert.Single(body);
        Assert.Equal("Prototype pollution in deep-merge", cna["title"]!.GetValue<string>());
        Assert.Equal("2026-10-01T12:00:00.000Z", cna["datePublic"]!.GetValue<string>());
        var description = cna["descriptions"]!.AsArray().Single()!;
        Assert.Equal("en", description["lang"]!.GetValue<string>());
        Assert.Equal("Prototype pollution in deep-merge\n\nA crafted `__proto__` key pollutes Object.prototype.",
            description["value"]!.GetValue<string>());
    }

    public static TheoryData<string, string> RangeCases => new()
    {
        // OSV § Evaluation: introduced/fixed is [introduced, fixed); CVE writes {version, lessThan}.
        { """[{"introduced":"1.0.0"},{"fixed":"1.4.2"}]""",
            """[{"version":"1.0.0","status":"affected","lessThan":"1.4.2","versionType":"semver"}]""" },
        // last_affected is inclusive: lessThanOrEqual.
        { """[{"introduced":"0"},{"last_affected":"2.0.1"}]""",
            """[{"version":"0","status":"affected","lessThanOrEqual":"2.0.1","versionType":"semver"}]""" },
        // No fix yet: open-ended, lessThan "*".
        { """[{"introduced":"0"}]""",
            """[{"version":"0","status":"affected","lessThan":"*","versionType":"semver"}]""" },
        // Two affected spans in one range.
        {
            """[{"introduced":"1.0.0"},{"fixed":"1.2.0"},{"introduced":"2.0.0"},{"fixed":"2.0.3"}]""",
            """
            [{"version":"1.0.0","status":"affected","lessThan":"1.2.0","versionType":"semver"},{"version":"2.0.0","status":"affected","lessThan":"2.0.3","versionType":"semver"}]
            """
        },
    };

    [Theory]
    [MemberData(nameof(RangeCases))]
    public void CnaContainer_OsvEvents_BecomeCveVersionEntries(string events, string expected)
    {
        var advisory = Advisory();
        advisory.Affected![0].Ranges = [new OsvRangeModel { Type = "SEMVER", Events = Events(events) }];

        var cna = CveRecordWriter.CnaContainer(advisory, Request);

        var affected = cna["affected"]!.AsArray().Single()!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), affected["versions"]),
            affected["versions"]!.ToJsonString());
        Assert.Equal("unaffected", affected["defaultStatus"]!.GetValue<string>());
        Assert.Equal("deep-merge", affected["packageName"]!.GetValue<string>());
        Assert.Equal("deep-merge", affected["product"]!.GetValue<string>());
        Assert.Equal("n/a", affected["vendor"]!.GetValue<string>());
        Assert.Equal("https://packages.example.test/npm", affected["collectionURL"]!.GetValue<string>());
    }

    [Fact]
    public void CnaContainer_NoCollectionUrlConfigured_LeavesItOut()
    {
        var cna = CveRecordWriter.CnaContainer(Advisory(), Request with { CollectionUrls = null });

        Assert.False(cna["affected"]![0]!.AsObject().ContainsKey("collectionURL"));
    }

    [Fact]
    public void CnaContainer_CvssVectors_AreScoredNotCopied()
    {
        var cna = CveRecordWriter.CnaContainer(Advisory(), Request);

        var metrics = cna["metrics"]!.AsArray();
        Assert.Equal(2, metrics.Count);
        var v31 = metrics[0]!["cvssV3_1"]!;
        Assert.Equal("CVSS", metrics[0]!["format"]!.GetValue<string>());
        Assert.Equal("3.1", v31["version"]!.GetValue<string>());
        Assert.Equal("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", v31["vectorString"]!.GetValue<string>());
        Assert.Equal(9.8, v31["baseScore"]!.GetValue<double>());
        Assert.Equal("CRITICAL", v31["baseSeverity"]!.GetValue<string>());
        // FIRST's CVSS v4.0 calculator scores this vector 9.3 (Critical).
        var v40 = metrics[1]!["cvssV4_0"]!;
        Assert.Equal(9.3, v40["baseScore"]!.GetValue<double>());
        Assert.Equal("CRITICAL", v40["baseSeverity"]!.GetValue<string>());
    }

    [Fact]
    public void CnaContainer_CwesReferencesCredits_MapToCveVocabulary()
    {
        var cna = CveRecordWriter.CnaContainer(Advisory(), Request);

        var cwe = cna["problemTypes"]![0]!["descriptions"]!.AsArray();
        Assert.Equal(["CWE-1321", "CWE-915"], cwe.Select(d => d!["cweId"]!.GetValue<string>()));
        Assert.All(cwe, d => Assert.Equal("CWE", d!["type"]!.GetValue<string>()));
        var references = cna["references"]!.AsArray();
        Assert.Equal(2, references.Count);
        Assert.Equal("patch", references[0]!["tags"]![0]!.GetValue<string>());
        Assert.False(references[1]!.AsObject().ContainsKey("tags"));
        var credits = cna["credits"]!.AsArray();
        Assert.Equal(["finder:Ada", "remediation developer:Grace", "other:Someone"],
            credits.Select(c => $"{c!["type"]!.GetValue<string>()}:{c["value"]!.GetValue<string>()}"));
    }

    [Fact]
    public void CnaContainer_NothingOptional_LeavesOptionalArraysOut()
    {
        var advisory = Advisory();
        advisory.Severity = null;
        advisory.Credits = null;
        advisory.DatabaseSpecific = null;

        var cna = CveRecordWriter.CnaContainer(advisory, Request);

        Assert.False(cna.ContainsKey("metrics"));
        Assert.False(cna.ContainsKey("credits"));
        Assert.False(cna.ContainsKey("problemTypes"));
    }

    public static TheoryData<string, string> InvalidCases => new()
    {
        { "cveId", "CVE-26-1" },
        { "cveId", "GHSA-xxxx-yyyy-zzzz" },
        { "assignerOrgId", "CVE-2026-1234" },
        { "descriptions", "CVE-2026-1234" },
        { "affected", "CVE-2026-1234" },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void CnaContainer_MissingWhatTheSchemaRequires_NamesTheField(string field, string cveId)
    {
        var advisory = Advisory();
        var request = Request with { CveId = cveId };
        switch (field)
        {
            case "assignerOrgId": request = request with { AssignerOrgId = Guid.Empty }; break;
            case "descriptions": advisory.Summary = null; advisory.Details = " "; break;
            case "affected": advisory.Affected = []; break;
        }

        var error = Assert.Throws<ValidationFailedException>(() => CveRecordWriter.CnaContainer(advisory, request));

        Assert.Equal([field], error.Errors.Keys);
    }

    private static List<OsvEventModel> Events(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<List<OsvEventModel>>(json, OsvJson.Options)!;

    private static OsvVulnerability Advisory() => new()
    {
        Id = "VIGIL-2026-7",
        Modified = new DateTimeOffset(2026, 10, 2, 8, 30, 15, 250, TimeSpan.Zero),
        Published = new DateTimeOffset(2026, 10, 1, 14, 0, 0, TimeSpan.FromHours(2)),
        Summary = "Prototype pollution in deep-merge",
        Details = "A crafted `__proto__` key pollutes Object.prototype.",
        Severity =
        [
            new OsvSeverity { Type = "CVSS_V3", Score = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" },
            new OsvSeverity { Type = "CVSS_V4",
                Score = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" },
        ],
        Affected =
        [
            new OsvAffected
            {
                Package = new OsvPackage { Ecosystem = "npm", Name = "deep-merge" },
                Ranges = [
                    new OsvRangeModel { Type = "SEMVER",
                        Events = Events("""[{"introduced":"0"},{"fixed":"1.4.2"}]""") }],
            },
        ],
        References =
        [
            new OsvReference { Type = "FIX", Url = "https://example.test/deep-merge/commit/abc" },
            new OsvReference { Type = "WEB", Url = "https://example.test/blog" },
            new OsvReference { Type = "WEB", Url = "https://example.test/blog" },
        ],
        Credits =
        [
            new OsvCredit { Name = "Ada", Type = "FINDER" },
            new OsvCredit { Name = "Grace", Type = "REMEDIATION_DEVELOPER" },
            new OsvCredit { Name = "Someone" },
        ],
        DatabaseSpecific = new JsonObject
        {
            ["cwe_ids"] = new JsonArray("CWE-1321", "CWE-915", "CWE-1321", "not-a-cwe")
        },
    };
}
