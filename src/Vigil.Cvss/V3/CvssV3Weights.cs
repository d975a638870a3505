namespace Vigil.Cvss;

/// <summary>CVSS v3.1 specification §7.4, Table 16: the constant of each metric value (v3.0 §8.4 is
/// identical).</summary>
internal static class CvssV3Weights
{
    public static double AttackVector(string v) => v switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, _ => 0.2 };

    public static double AttackComplexity(string v) => v == "L" ? 0.77 : 0.44;

    /// <summary>"0.62 (or 0.68 if Scope / Modified Scope is Changed)", "0.27 (or 0.5 if … Changed)".</summary>
    public static double PrivilegesRequired(string v, bool scopeChanged) => v switch
    {
        "N" => 0.85,
        "L" => scopeChanged ? 0.68 : 0.62,
        _ => scopeChanged ? 0.5 : 0.27,
    };

    public static double UserInteraction(string v) => v == "N" ? 0.85 : 0.62;

    public static double Impact(string v) => v switch { "H" => 0.56, "L" => 0.22, _ => 0 };

    public static double ExploitCodeMaturity(string v) => v switch { "F" => 0.97, "P" => 0.94, "U" => 0.91, _ => 1 };

    public static double RemediationLevel(string v) => v switch { "W" => 0.97, "T" => 0.96, "O" => 0.95, _ => 1 };

    public static double ReportConfidence(string v) => v switch { "R" => 0.96, "U" => 0.92, _ => 1 };

    public static double Requirement(string v) => v switch { "H" => 1.5, "L" => 0.5, _ => 1 };
}
