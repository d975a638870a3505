namespace Vigil.Core.Advisories;

/// <summary>Base score of a CVSS vector (v2, v3.x or v4.0); null when there is none or it does not parse.</summary>
internal static class CvssScores
{
    public static double? BaseScore(string? vector) =>
        Vigil.Cvss.Cvss.TryParse(vector, out var parsed, out _) ? parsed.BaseScore : null;
}
