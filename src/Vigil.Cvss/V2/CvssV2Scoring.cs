using static Vigil.Cvss.CvssV2Metrics;

namespace Vigil.Cvss;

/// <summary>CVSS v2 guide §3.2 equations and §3.2.x metric weights.</summary>
internal static class CvssV2Scoring
{
    public static (double Base, double Temporal, double Environmental) Score(string[] m)
    {
        // §3.2.1 Base Equation.
        var impact = 10.41 * (1 - ((1 - Impact(m[C])) * (1 - Impact(m[I])) * (1 - Impact(m[A]))));
        var baseScore = BaseEquation(impact, m);

        // §3.2.2 Temporal Equation.
        var temporal = Temporal(baseScore, m);

        // §3.2.3 Environmental Equation: AdjustedImpact replaces Impact, then AdjustedTemporal is combined
        // with CollateralDamagePotential and TargetDistribution.
        var adjustedImpact = Math.Min(10, 10.41 * (1
            - ((1 - (Impact(m[C]) * Requirement(m[CR])))
               * (1 - (Impact(m[I]) * Requirement(m[IR])))
               * (1 - (Impact(m[A]) * Requirement(m[AR]))))));
        var adjustedTemporal = Temporal(BaseEquation(adjustedImpact, m), m);
        var environmental = CvssRounding.RoundV20(
            (adjustedTemporal + ((10 - adjustedTemporal) * CollateralDamagePotential(m[CDP])))
            * TargetDistribution(m[TD]));
        return (baseScore, temporal, environmental);
    }

    /// <summary>
    /// "BaseScore = round_to_1_decimal(((0.6*Impact)+(0.4*Exploitability)-1.5)*f(Impact))",
    /// "Exploitability = 20* AccessVector*AccessComplexity*Authentication", "f(impact) = 0 if Impact=0, 1.176
    /// otherwise".
    /// </summary>
    private static double BaseEquation(double impact, string[] m)
    {
        var exploitability = 20 * AccessVector(m[AV]) * AccessComplexity(m[AC]) * Authentication(m[Au]);
        var f = impact == 0 ? 0 : 1.176;
        return CvssRounding.RoundV20(((0.6 * impact) + (0.4 * exploitability) - 1.5) * f);
    }

    /// <summary>"TemporalScore =
    /// round_to_1_decimal(BaseScore*Exploitability*RemediationLevel*ReportConfidence)".</summary>
    private static double Temporal(double baseScore, string[] m) =>
        CvssRounding.RoundV20(baseScore * Exploitability(m[E]) * RemediationLevel(m[RL]) * ReportConfidence(m[RC]));

    private static double AccessVector(string v) => v switch { "L" => 0.395, "A" => 0.646, _ => 1.0 };

    private static double AccessComplexity(string v) => v switch { "H" => 0.35, "M" => 0.61, _ => 0.71 };

    private static double Authentication(string v) => v switch { "M" => 0.45, "S" => 0.56, _ => 0.704 };

    private static double Impact(string v) => v switch { "P" => 0.275, "C" => 0.660, _ => 0.0 };

    private static double Exploitability(string v) => v switch { "U" => 0.85, "POC" => 0.9, "F" => 0.95, _ => 1.0 };

    private static double RemediationLevel(string v) => v switch { "OF" => 0.87, "TF" => 0.90, "W" => 0.95, _ => 1.0 };

    private static double ReportConfidence(string v) => v switch { "UC" => 0.90, "UR" => 0.95, _ => 1.0 };

    private static double CollateralDamagePotential(string v) =>
        v switch { "L" => 0.1, "LM" => 0.3, "MH" => 0.4, "H" => 0.5, _ => 0 };

    private static double TargetDistribution(string v) => v switch { "N" => 0, "L" => 0.25, "M" => 0.75, _ => 1.0 };

    private static double Requirement(string v) => v switch { "L" => 0.5, "H" => 1.51, _ => 1.0 };
}
