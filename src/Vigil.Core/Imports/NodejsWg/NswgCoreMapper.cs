using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Imports.Osv;

namespace Vigil.Core.Imports.NodejsWg;

/// <summary>
/// One entry of the WG's core list (<c>vuln/core/index.json</c>, key n) → OSV <c>NSWG-COR-n</c>.
/// <para>
/// There is no OSV ecosystem for the Node.js runtime in schema 1.7.5 (<c>ecosystemWithSuffix</c>
/// lists none, and ecosystems.json has none), and <c>{"ecosystem":"npm","name":"node"}</c> would make
/// every npm audit flag the unrelated <c>node</c> package on npm. GitHub publishes Node.js core
/// advisories without an affected package for the same reason. So core entries have no
/// <c>affected[]</c>: the runtime's node-semver ranges live in
/// <c>database_specific.nodejs_runtime</c> (<c>vulnerable</c>, <c>patched</c>,
/// <c>affected_environments</c>), where Vigil's own runtime checks and the WG exporter read them.
/// </para>
/// Other fields: cve → aliases; description → summary; overview → details; ref → references;
/// cvss ("3.0/…") → severity CVSS_V3 ("CVSS:3.0/…"); cvss_score, severity, CWE id of type →
/// database_specific; reported_by → REPORTER credit; author → OTHER credit; publish_date → published
/// (and modified, else a fixed instant: core entries carry no dates).
/// </summary>
internal static partial class NswgCoreMapper
{
    public static OsvVulnerability ToOsv(string key, JsonObject entry)
    {
        var vulnerable = NswgFields.RequiredString(entry, "vulnerable");
        NswgRanges.Parse("vulnerable", vulnerable);
        var patched = NswgFields.OptionalString(entry, "patched");
        if (patched is not null)
        {
            NswgRanges.Parse("patched", patched);
        }
        var published = NswgFields.OptionalDate(entry, "publish_date");
        var cvss = NswgFields.OptionalString(entry, "cvss");
        var vector = cvss is null ? null : "CVSS:" + cvss;
        var score = NswgFields.OptionalNumber(entry, "cvss_score");
        var reference = NswgFields.OptionalString(entry, "ref");

        var runtime = new JsonObject { [NswgFormat.RuntimeVulnerable] = vulnerable };
        if (entry.ContainsKey("patched"))
        {
            runtime[NswgFormat.RuntimePatched] = patched;
        }
        if (NswgFields.OptionalStringArray(entry, "affectedEnvironments") is { } environments)
        {
            runtime[NswgFormat.RuntimeEnvironments] = new JsonArray(environments.Select(e => (JsonNode?)e).ToArray());
        }
        var databaseSpecific = new JsonObject { [NswgFormat.Runtime] = runtime };
        if (NswgFields.OptionalString(entry, "severity") is { } severity)
        {
            databaseSpecific[NswgFormat.Severity] = severity;
        }
        if (NswgNpmMapper.IsCvssScore(score))
        {
            databaseSpecific[NswgFormat.CvssScore] = score!.DeepClone();
        }
        if (NswgFields.OptionalString(entry, "type") is { } type && Cwe().Match(type) is { Success: true } cwe)
        {
            databaseSpecific[NswgFormat.CweIds] = new JsonArray(cwe.Value);
        }
        return new OsvVulnerability
        {
            SchemaVersion = OsvSchemaValidator.SchemaVersion,
            Id = NswgFormat.CoreIdPrefix + key,
            Modified = published ?? NswgFormat.UnknownModified,
            Published = published,
            Aliases = NswgFields.OptionalStringArray(entry, "cve") is { Count: > 0 } cves ? cves : null,
            Summary = NswgFields.OptionalString(entry, "description"),
            Details = NswgFields.OptionalString(entry, "overview"),
            Severity = vector is not null && OsvSeverityPatterns.TypeOf(vector) is { } kind ? [new OsvSeverity { Type = kind, Score = vector }] : null,
            References = reference is null ? null : [new OsvReference { Type = NswgFormat.ReferenceType(reference), Url = reference }],
            Credits = Credits(entry),
            DatabaseSpecific = databaseSpecific,
        };
    }

    private static List<OsvCredit>? Credits(JsonObject entry)
    {
        var credits = new List<OsvCredit>();
        if (NswgFields.OptionalString(entry, "reported_by") is { Length: > 0 } reporter)
        {
            credits.Add(new OsvCredit { Name = reporter, Type = "REPORTER" });
        }
        // The list's "author" is sometimes the finder, sometimes whoever fixed or wrote it up: OTHER says no more than that.
        if (NswgFields.OptionalString(entry, "author") is { Length: > 0 } author)
        {
            credits.Add(new OsvCredit { Name = author, Type = "OTHER" });
        }
        return credits.Count > 0 ? credits : null;
    }

    [GeneratedRegex(@"^CWE-[0-9]+")]
    private static partial Regex Cwe();
}
