using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Advisories;

public sealed record ResolvedSeverity(AdvisorySeverity Severity, double? Score, string? Vector);

/// <summary>
/// One severity word per advisory, in this order: the database's own word
/// (<c>database_specific.severity</c>, as GitHub and the Node.js WG core list give it), else the CVSS
/// score (stored score, or computed from the newest CVSS vector) mapped to npm's words.
/// </summary>
public static class SeverityResolver
{
    public static ResolvedSeverity Resolve(OsvVulnerability vulnerability)
    {
        var vector = PreferredVector(vulnerability.Severity)
            ?? vulnerability.Affected?.Select(a => PreferredVector(a.Severity)).FirstOrDefault(v => v is not null);
        var score = StoredScore(vulnerability.DatabaseSpecific) ?? CvssScores.BaseScore(vector);
        if (AdvisorySeverityNames.TryParse(
            AdvisoryRows.StringProperty(vulnerability.DatabaseSpecific, "severity"), out var word))
        {
            return new(word, score, vector);
        }
        return new(score is { } s ? FromScore(s) : AdvisorySeverity.Unknown, score, vector);
    }

    /// <summary>CVSS v3.x / v4.0 qualitative ratings mapped to npm's words (None → info).</summary>
    public static AdvisorySeverity FromScore(double score) => score switch
    {
        <= 0 => AdvisorySeverity.Info,
        < 4.0 => AdvisorySeverity.Low,
        < 7.0 => AdvisorySeverity.Moderate,
        < 9.0 => AdvisorySeverity.High,
        _ => AdvisorySeverity.Critical,
    };

    private static string? PreferredVector(List<OsvSeverity>? severities)
    {
        if (severities is null)
        {
            return null;
        }
        // npm audit and most tools show CVSS v3; prefer it, then v4, then v2.
        foreach (var type in new[] { "CVSS_V3", "CVSS_V4", "CVSS_V2" })
        {
            var match = severities.FirstOrDefault(s => s.Type == type);
            if (match is not null)
            {
                return match.Score;
            }
        }
        return null;
    }

    private static double? StoredScore(JsonObject? databaseSpecific) =>
        databaseSpecific is not null && databaseSpecific.TryGetPropertyValue("cvss_score", out var node)
            && node is JsonValue value && value.TryGetValue<double>(out var score) ? score : null;
}
