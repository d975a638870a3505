using System.Collections.Frozen;
using static Vigil.Cvss.CvssV4MaxVectors;

namespace Vigil.Cvss;

/// <summary>
/// CVSS v4.0 §8.2 "CVSS v4.0 Scoring using MacroVectors and Interpolation", step for step as FIRST's
/// reference calculator (cvss40.js <c>calculateScore</c>), including its floating point order of operations,
/// so that every vector gets the reference's score.
/// </summary>
internal static class CvssV4Scoring
{
    private const double Step = 0.1;

    /// <summary>Severity levels of each metric value in steps of 0.1 (the reference's METRIC_LEVELS).</summary>
    private static readonly FrozenDictionary<string, FrozenDictionary<string, double>> Levels =
        new Dictionary<string, FrozenDictionary<string, double>>
        {
            ["AV"] = Level(("N", 0.0), ("A", 0.1), ("L", 0.2), ("P", 0.3)),
            ["PR"] = Level(("N", 0.0), ("L", 0.1), ("H", 0.2)),
            ["UI"] = Level(("N", 0.0), ("P", 0.1), ("A", 0.2)),
            ["AC"] = Level(("L", 0.0), ("H", 0.1)),
            ["AT"] = Level(("N", 0.0), ("P", 0.1)),
            ["VC"] = Level(("H", 0.0), ("L", 0.1), ("N", 0.2)),
            ["VI"] = Level(("H", 0.0), ("L", 0.1), ("N", 0.2)),
            ["VA"] = Level(("H", 0.0), ("L", 0.1), ("N", 0.2)),
            ["SC"] = Level(("H", 0.1), ("L", 0.2), ("N", 0.3)),
            ["SI"] = Level(("S", 0.0), ("H", 0.1), ("L", 0.2), ("N", 0.3)),
            ["SA"] = Level(("S", 0.0), ("H", 0.1), ("L", 0.2), ("N", 0.3)),
            ["CR"] = Level(("H", 0.0), ("M", 0.1), ("L", 0.2)),
            ["IR"] = Level(("H", 0.0), ("M", 0.1), ("L", 0.2)),
            ["AR"] = Level(("H", 0.0), ("M", 0.1), ("L", 0.2)),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static double Score(CvssV4MacroVector mv)
    {
        // "Exception for no impact on system": every impact metric None scores 0.0.
        if (new[] { "VC", "VI", "VA", "SC", "SI", "SA" }.All(m => mv[m] == "N"))
        {
            return 0.0;
        }

        var (eq1, eq2, eq3, eq4, eq5, eq6) = (mv.Eq1, mv.Eq2, mv.Eq3, mv.Eq4, mv.Eq5, mv.Eq6);
        var value = CvssV4LookupTable.Get(eq1, eq2, eq3, eq4, eq5, eq6);

        // 1.a "The maximal scoring difference is determined as the difference between the current
        // MacroVector and the lower MacroVector": NaN where there is no lower MacroVector.
        var lowerEq1 = CvssV4LookupTable.Get(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
        var lowerEq2 = CvssV4LookupTable.Get(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
        var lowerEq3Eq6 = (eq3, eq6) switch
        {
            (1, 1) or (0, 1) => CvssV4LookupTable.Get(eq1, eq2, eq3 + 1, eq4, eq5, eq6),
            (1, 0) => CvssV4LookupTable.Get(eq1, eq2, eq3, eq4, eq5, eq6 + 1),
            // 00 → 01 or 00 → 10: the higher of the two (JavaScript Math.max).
            (0, 0) => JsMax(
                CvssV4LookupTable.Get(eq1, eq2, eq3, eq4, eq5, eq6 + 1),
                CvssV4LookupTable.Get(eq1, eq2, eq3 + 1, eq4, eq5, eq6)),
            _ => CvssV4LookupTable.Get(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1),
        };
        var lowerEq4 = CvssV4LookupTable.Get(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
        var lowerEq5 = CvssV4LookupTable.Get(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

        // 1.b "The severity distance of the to-be scored vector from a highest severity vector in the
        // same MacroVector": the first composed highest vector that no metric exceeds.
        var d = Distances(mv);

        var distanceEq1 = d["AV"] + d["PR"] + d["UI"];
        var distanceEq2 = d["AC"] + d["AT"];
        var distanceEq3Eq6 = d["VC"] + d["VI"] + d["VA"] + d["CR"] + d["IR"] + d["AR"];
        var distanceEq4 = d["SC"] + d["SI"] + d["SA"];

        // 1.c "dividing the severity distance … by the depth of the MacroVector", 1.d "multiplied by the
        // proportion of distance"; 2. "The mean of the above computed proportional distances".
        var existing = 0;
        var parts = new (double Available, double Proportion)[]
        {
            (value - lowerEq1, distanceEq1 / (Eq1Depth[eq1] * Step)),
            (value - lowerEq2, distanceEq2 / (Eq2Depth[eq2] * Step)),
            (value - lowerEq3Eq6, distanceEq3Eq6 / (Eq3Eq6Depth[eq3][eq6] * Step)),
            (value - lowerEq4, distanceEq4 / (Eq4Depth[eq4] * Step)),
            // EQ5 has a single metric, so its proportion of distance is always 0.
            (value - lowerEq5, 0),
        };
        var normalized = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.IsNaN(parts[i].Available))
            {
                existing++;
                normalized[i] = parts[i].Available * parts[i].Proportion;
            }
        }

        // Summed left to right like the reference: (n1 + n2 + n36 + n4 + n5) / existing.
        var sum = normalized[0] + normalized[1] + normalized[2] + normalized[3] + normalized[4];
        var meanDistance = existing == 0 ? 0 : sum / existing;

        // 3. "The score of the vector is the score of the MacroVector … minus the mean distance so
        // computed. This score is rounded to one decimal place."
        return CvssRounding.RoundV40(Math.Max(0, Math.Min(10, value - meanDistance)));
    }

    /// <summary>
    /// Severity distances to the first composed highest severity vector (loops over EQ1, EQ2, EQ3+EQ6, EQ4
    /// nested in that order) with no negative distance; when none qualifies the reference keeps the last one.
    /// </summary>
    private static Dictionary<string, double> Distances(CvssV4MacroVector mv)
    {
        var distances = new Dictionary<string, double>(Levels.Count, StringComparer.Ordinal);
        foreach (var e1 in Eq1[mv.Eq1])
            foreach (var e2 in Eq2[mv.Eq2])
                foreach (var e36 in Eq3Eq6[mv.Eq3][mv.Eq6])
                    foreach (var e4 in Eq4[mv.Eq4])
                    {
                        // EQ5's highest vector is the scored vector's own E, so its distance is always 0.
                        var nonNegative = true;
                        foreach (var (metric, max) in Parsed(e1)
                            .Concat(Parsed(e2))
                            .Concat(Parsed(e36))
                            .Concat(Parsed(e4)))
                        {
                            var level = Levels[metric];
                            var distance = level[mv[metric]] - level[max];
                            distances[metric] = distance;
                            nonNegative &= distance >= 0;
                        }

                        if (nonNegative)
                        {
                            return distances;
                        }
                    }

        return distances;
    }

    /// <summary>JavaScript <c>Math.max</c>: NaN if either argument is NaN.</summary>
    private static double JsMax(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b);

    private static FrozenDictionary<string, double> Level(params (string Value, double Level)[] levels) =>
        levels.ToFrozenDictionary(l => l.Value, l => l.Level, StringComparer.Ordinal);
}
