namespace Vigil.Web.Pages.Tools;

/// <summary>A base metric as the calculator shows it: its abbreviation, its name and its values in words.</summary>
public sealed record CvssMetricChoice(string Key, string Name, IReadOnlyList<(string Value, string Label)> Values);

/// <summary>
/// The Base metrics of CVSS v3.1 (specification §2, Table 1–8) and v4.0 (specification §2, Tables 1–9),
/// with the names FIRST's documents give them, in vector order.
/// </summary>
public static class CvssMetricLabels
{
    private static readonly (string, string)[] Impact = [("H", "High"), ("L", "Low"), ("N", "None")];

    public static IReadOnlyList<CvssMetricChoice> V31 { get; } =
    [
        new("AV", "Attack Vector", [("N", "Network"), ("A", "Adjacent"), ("L", "Local"), ("P", "Physical")]),
        new("AC", "Attack Complexity", [("L", "Low"), ("H", "High")]),
        new("PR", "Privileges Required", [("N", "None"), ("L", "Low"), ("H", "High")]),
        new("UI", "User Interaction", [("N", "None"), ("R", "Required")]),
        new("S", "Scope", [("U", "Unchanged"), ("C", "Changed")]),
        new("C", "Confidentiality", Impact),
        new("I", "Integrity", Impact),
        new("A", "Availability", Impact),
    ];

    public static IReadOnlyList<CvssMetricChoice> V40 { get; } =
    [
        new("AV", "Attack Vector", [("N", "Network"), ("A", "Adjacent"), ("L", "Local"), ("P", "Physical")]),
        new("AC", "Attack Complexity", [("L", "Low"), ("H", "High")]),
        new("AT", "Attack Requirements", [("N", "None"), ("P", "Present")]),
        new("PR", "Privileges Required", [("N", "None"), ("L", "Low"), ("H", "High")]),
        new("UI", "User Interaction", [("N", "None"), ("P", "Passive"), ("A", "Active")]),
        new("VC", "Vulnerable System Confidentiality", Impact),
        new("VI", "Vulnerable System Integrity", Impact),
        new("VA", "Vulnerable System Availability", Impact),
        new("SC", "Subsequent System Confidentiality", Impact),
        new("SI", "Subsequent System Integrity", Impact),
        new("SA", "Subsequent System Availability", Impact),
    ];

    public static IReadOnlyList<CvssMetricChoice> For(string version) => version == "4.0" ? V40 : V31;
}
