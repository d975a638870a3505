namespace Vigil.Cvss;

/// <summary>CVSS v4.0 specification §7, Table 23: Base, Threat, Environmental and Supplemental metrics, in
/// order.</summary>
internal static class CvssV4Metrics
{
    public const int FirstThreat = 11, FirstEnvironmental = 12, FirstSupplemental = 26;

    public static readonly MetricTable Table = new(
        "X",
        new("AV", ["N", "A", "L", "P"], true),
        new("AC", ["L", "H"], true),
        new("AT", ["N", "P"], true),
        new("PR", ["N", "L", "H"], true),
        new("UI", ["N", "P", "A"], true),
        new("VC", ["H", "L", "N"], true),
        new("VI", ["H", "L", "N"], true),
        new("VA", ["H", "L", "N"], true),
        new("SC", ["H", "L", "N"], true),
        new("SI", ["H", "L", "N"], true),
        new("SA", ["H", "L", "N"], true),
        new("E", ["X", "A", "P", "U"], false),
        new("CR", ["X", "H", "M", "L"], false),
        new("IR", ["X", "H", "M", "L"], false),
        new("AR", ["X", "H", "M", "L"], false),
        new("MAV", ["X", "N", "A", "L", "P"], false),
        new("MAC", ["X", "L", "H"], false),
        new("MAT", ["X", "N", "P"], false),
        new("MPR", ["X", "N", "L", "H"], false),
        new("MUI", ["X", "N", "P", "A"], false),
        new("MVC", ["X", "N", "L", "H"], false),
        new("MVI", ["X", "N", "L", "H"], false),
        new("MVA", ["X", "N", "L", "H"], false),
        new("MSC", ["X", "N", "L", "H"], false),
        new("MSI", ["X", "N", "L", "H", "S"], false),
        new("MSA", ["X", "N", "L", "H", "S"], false),
        new("S", ["X", "N", "P"], false),
        new("AU", ["X", "N", "Y"], false),
        new("R", ["X", "A", "U", "I"], false),
        new("V", ["X", "D", "C"], false),
        new("RE", ["X", "L", "M", "H"], false),
        new("U", ["X", "Clear", "Green", "Amber", "Red"], false));
}
