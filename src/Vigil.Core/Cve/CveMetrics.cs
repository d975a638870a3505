using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;
using Vigil.Cvss;

namespace Vigil.Core.Cve;

/// <summary>
/// OSV <c>severity</c> → CVE <c>metrics</c>. CVE JSON 5 requires, for <c>cvssV3_1</c> and <c>cvssV4_0</c>,
/// <c>version</c>, <c>vectorString</c>, <c>baseScore</c> and <c>baseSeverity</c>; the score and rating are
/// computed by Vigil.Cvss from the vector, never copied from input.
/// </summary>
internal static class CveMetrics
{
    public static JsonArray From(IEnumerable<OsvSeverity>? severities)
    {
        var metrics = new JsonArray();
        foreach (var severity in severities ?? [])
        {
            if (!Cvss.Cvss.TryParse(severity.Score, out var vector, out _))
            {
                continue;
            }
            var (key, version) = vector.Version switch
            {
                CvssVersion.V3_1 => ("cvssV3_1", "3.1"),
                CvssVersion.V3_0 => ("cvssV3_0", "3.0"),
                CvssVersion.V4_0 => ("cvssV4_0", "4.0"),
                _ => ("cvssV2_0", "2.0"),
            };
            var cvss = new JsonObject
            {
                ["version"] = version,
                ["vectorString"] = severity.Score,
                ["baseScore"] = vector.BaseScore,
            };
            if (key != "cvssV2_0")
            {
                cvss["baseSeverity"] = vector.Severity.ToString().ToUpperInvariant();
            }
            metrics.Add(new JsonObject { ["format"] = "CVSS", [key] = cvss });
        }
        return metrics;
    }
}
