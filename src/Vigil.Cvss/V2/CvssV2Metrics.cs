namespace Vigil.Cvss;

/// <summary>CVSS v2 guide §2.4, Table 13: Base, Temporal and Environmental vectors; ND means Not Defined.</summary>
internal static class CvssV2Metrics
{
    public const int AV = 0, AC = 1, Au = 2, C = 3, I = 4, A = 5, E = 6, RL = 7, RC = 8, CDP = 9, TD = 10, CR = 11,
        IR = 12, AR = 13;

    public const int FirstTemporal = E, FirstEnvironmental = CDP;

    public static readonly MetricTable Table = new(
        "ND",
        new("AV", ["L", "A", "N"], true),
        new("AC", ["H", "M", "L"], true),
        new("Au", ["M", "S", "N"], true),
        new("C", ["N", "P", "C"], true),
        new("I", ["N", "P", "C"], true),
        new("A", ["N", "P", "C"], true),
        new("E", ["U", "POC", "F", "H", "ND"], false),
        new("RL", ["OF", "TF", "W", "U", "ND"], false),
        new("RC", ["UC", "UR", "C", "ND"], false),
        new("CDP", ["N", "L", "LM", "MH", "H", "ND"], false),
        new("TD", ["N", "L", "M", "H", "ND"], false),
        new("CR", ["L", "M", "H", "ND"], false),
        new("IR", ["L", "M", "H", "ND"], false),
        new("AR", ["L", "M", "H", "ND"], false));
}
