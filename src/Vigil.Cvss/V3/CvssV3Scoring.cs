using static Vigil.Cvss.CvssV3Metrics;
using static Vigil.Cvss.CvssV3Weights;

namespace Vigil.Cvss;

/// <summary>
/// CVSS v3.1 specification §7 (v3.0 §8) equations, evaluated in the same order as FIRST's reference
/// calculators (cvsscalc30.js, cvsscalc31.js) so that floating point results are identical.
/// </summary>
internal static class CvssV3Scoring
{
    private const double ExploitabilityCoefficient = 8.22;
    private const double ScopeCoefficient = 1.08;

    public static (double Base, double Temporal, double Environmental) Score(string[] m, bool v31)
    {
        Func<double, double> roundup = v31 ? CvssRounding.RoundupV31 : CvssRounding.RoundupV30;
        var baseScore = Base(m, roundup);

        // §7.2: TemporalScore = Roundup(BaseScore × ExploitCodeMaturity × RemediationLevel × ReportConfidence)
        var temporal = roundup(
            baseScore * ExploitCodeMaturity(m[E]) * RemediationLevel(m[RL]) * ReportConfidence(m[RC]));
        return (baseScore, temporal, Environmental(m, v31, roundup));
    }

    /// <summary>§7.1 Base metrics equations.</summary>
    private static double Base(string[] m, Func<double, double> roundup)
    {
        var changed = m[S] == "C";
        var iss = 1 - ((1 - Impact(m[C])) * (1 - Impact(m[I])) * (1 - Impact(m[A])));
        var impact = changed
            ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15))
            : 6.42 * iss;
        var exploitability = ExploitabilityCoefficient * AttackVector(m[AV]) * AttackComplexity(m[AC])
            * PrivilegesRequired(m[PR], changed) * UserInteraction(m[UI]);

        if (impact <= 0)
        {
            return 0;
        }

        return changed
            ? roundup(Math.Min(ScopeCoefficient * (exploitability + impact), 10))
            : roundup(Math.Min(exploitability + impact, 10));
    }

    /// <summary>
    /// §7.3 Environmental metrics equations. A Not Defined modified metric takes the Base value; a Not
    /// Defined requirement weighs 1. v3.1 changed the Scope-Changed ModifiedImpact to
    /// "7.52 × (MISS − 0.029) − 3.25 × (MISS × 0.9731 − 0.02)^13" (v3.0: "(MISS − 0.02)^15").
    /// </summary>
    private static double Environmental(string[] m, bool v31, Func<double, double> roundup)
    {
        string Modified(int modified, int baseMetric) => m[modified] == "X" ? m[baseMetric] : m[modified];

        var changed = Modified(MS, S) == "C";
        var miss = Math.Min(
            1 - ((1 - (Impact(Modified(MC, C)) * Requirement(m[CR])))
                * (1 - (Impact(Modified(MI, I)) * Requirement(m[IR])))
                * (1 - (Impact(Modified(MA, A)) * Requirement(m[AR])))),
            0.915);
        var modifiedImpact = !changed
            ? 6.42 * miss
            : v31
                ? (7.52 * (miss - 0.029)) - (3.25 * Math.Pow((miss * 0.9731) - 0.02, 13))
                : (7.52 * (miss - 0.029)) - (3.25 * Math.Pow(miss - 0.02, 15));
        var modifiedExploitability = ExploitabilityCoefficient * AttackVector(Modified(MAV, AV))
            * AttackComplexity(Modified(MAC, AC)) * PrivilegesRequired(Modified(MPR, PR), changed)
            * UserInteraction(Modified(MUI, UI));

        if (modifiedImpact <= 0)
        {
            return 0;
        }

        var capped = changed
            ? roundup(Math.Min(ScopeCoefficient * (modifiedImpact + modifiedExploitability), 10))
            : roundup(Math.Min(modifiedImpact + modifiedExploitability, 10));
        return roundup(capped * ExploitCodeMaturity(m[E]) * RemediationLevel(m[RL]) * ReportConfidence(m[RC]));
    }
}
