using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Imports.Osv;
using Vigil.Core.Runtime;
using Vigil.Versioning.Npm;

namespace Vigil.Core.Imports.NodejsWg;

/// <summary>
/// One entry of the WG's core list (<c>vuln/core/index.json</c>, key n) → OSV <c>NSWG-COR-n</c>.
/// <para>
/// The runtime's node-semver ranges are kept as the WG wrote them in <c>database_specific.nodejs_runtime</c>
/// (<c>vulnerable</c>, <c>patched</c>, <c>affected_environments</c>), where the WG exporter reads them, and
/// the versions they leave vulnerable become one <c>affected[]</c> entry for the runtime
/// (<see cref="NodeRuntimeAffected"/>; <see cref="NodeRuntime"/> says why it is named
/// <c>Bitnami/node</c> and not <c>npm/node</c>), so OSV queries and <c>vigil audit --node</c> find them.
/// </para>
/// Other fields: cve → aliases; description → summary (else <see cref="NswgCoreSummary"/> makes one from the
/// record); overview → details; ref → references; cvss ("3.0/…") → severity CVSS_V3 ("CVSS:3.0/…");
/// cvss_score, severity, CWE id of type → database_specific; reported_by → REPORTER credit; author → OTHER
/// credit; publish_date → published. Core entries carry no modification date, so <c>modified</c> is the
/// first time this instance stored the record as it is (<see cref="Advisories.AdvisoryToStore.ModifiedIsFirstSeen"/>).
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
        var environments = NswgFields.OptionalStringArray(entry, "affectedEnvironments");
        var affected = NodeRuntimeAffected.Create(RuntimeRange(vulnerable)!, RuntimeRange(patched), environments);
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
        if (environments is not null)
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
            Modified = NswgFormat.UnknownModified, // replaced by the first-seen instant when stored
            Published = published,
            Aliases = NswgFields.OptionalStringArray(entry, "cve") is { Count: > 0 } cves ? cves : null,
            Summary = NswgFields.OptionalString(entry, "description") ?? NswgCoreSummary.From(entry),
            Details = NswgFields.OptionalString(entry, "overview"),
            Affected = affected is null ? null : [affected],
            Severity = vector is not null && OsvSeverityPatterns.TypeOf(vector) is { } kind
                ? [new OsvSeverity { Type = kind, Score = vector }]
                : null,
            References = reference is null
                ? null
                : [new OsvReference { Type = NswgFormat.ReferenceType(reference), Url = reference }],
            Credits = Credits(entry),
            DatabaseSpecific = databaseSpecific,
        };
    }

    /// <summary>As node-semver's <c>satisfies</c> reads a range by default, like
    /// <c>is-my-node-vulnerable</c>.</summary>
    private static NpmRange? RuntimeRange(string? range) =>
        range is not null && NpmRange.TryParse(range, NpmSemverOptions.Default, out var parsed) ? parsed : null;

    private static List<OsvCredit>? Credits(JsonObject entry)
    {
        var credits = new List<OsvCredit>();
        if (NswgFields.OptionalString(entry, "reported_by") is { Length: > 0 } reporter)
        {
            credits.Add(new OsvCredit { Name = reporter, Type = "REPORTER" });
        }
        // The list's "author" is sometimes the finder, sometimes whoever fixed or wrote it up: OTHER says no more than
        // that.
        if (NswgFields.OptionalString(entry, "author") is { Length: > 0 } author)
        {
            credits.Add(new OsvCredit { Name = author, Type = "OTHER" });
        }
        return credits.Count > 0 ? credits : null;
    }

    [GeneratedRegex(@"^CWE-[0-9]+")]
    private static partial Regex Cwe();
}
