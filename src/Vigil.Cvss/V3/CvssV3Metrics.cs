namespace Vigil.Cvss;

/// <summary>CVSS v3.0/v3.1 specification §6, Table 15: Base, Temporal and Environmental vectors.</summary>
internal static class CvssV3Metrics
{
    public const int AV = 0, AC = 1, PR = 2, UI = 3, S = 4, C = 5, I = 6, A = 7;
    public const int E = 8, RL = 9, RC = 10;
    public const int CR = 11, IR = 12, AR = 13, MAV = 14, MAC = 15, MPR = 16, MUI = 17, MS = 18, MC = 19, MI = 20,
        MA = 21;

    public const int FirstTemporal = E, FirstEnvironmental = CR;

    public static readonly MetricTable Table = new(
        "X",
        new("AV", ["N", "A", "L", "P"], true),
        new("AC", ["L", "H"], true),
        new("PR", ["N", "L", "H"], true),
        new("UI", ["N", "R"], true),
        new("S", ["U", "C"], true),
        new("C", ["H", "L", "N"], true),
        new("I", ["H", "L", "N"], true),
        new("A", ["H", "L", "N"], true),
        new("E", ["X", "H", "F", "P", "U"], false),
        new("RL", ["X", "U", "W", "T", "O"], false),
        new("RC", ["X", "C", "R", "U"], false),
        new("CR", ["X", "H", "M", "L"], false),
        new("IR", ["X", "H", "M", "L"], false),
        new("AR", ["X", "H", "M", "L"], false),
        new("MAV", ["X", "N", "A", "L", "P"], false),
        new("MAC", ["X", "L", "H"], false),
        new("MPR", ["X", "N", "L", "H"], false),
        new("MUI", ["X", "N", "R"], false),
        new("MS", ["X", "U", "C"], false),
        new("MC", ["X", "N", "L", "H"], false),
        new("MI", ["X", "N", "L", "H"], false),
        new("MA", ["X", "N", "L", "H"], false));
}
