namespace Vigil.Core.Advisories;

/// <summary>Base score of a CVSS vector; null when there is none or it does not parse.</summary>
internal static class CvssScores
{
    // TEMP: wired to Vigil.Cvss once that calculator lands.
    public static double? BaseScore(string? vector) => vector is null ? null : null;
}
