namespace Vigil.Cvss;

/// <summary>
/// The rounding rules of each version, written to give bit-for-bit the results of FIRST's reference
/// calculators (which are JavaScript: <c>Math.round</c> rounds halves up, not to even).
/// </summary>
internal static class CvssRounding
{
    /// <summary>
    /// CVSS v3.1 Appendix A: "first multiply its input by 100,000 and convert it to the nearest integer.
    /// The rounding up should then be performed using only integer arithmetic".
    /// </summary>
    public static double RoundupV31(double input)
    {
        var intInput = (long)RoundHalfUp(input * 100000);
        return intInput % 10000 == 0
            ? intInput / 100000.0
            : ((intInput / 10000) + 1) / 10.0;
    }

    /// <summary>
    /// CVSS v3.0 §8: "Round up is defined as the smallest number, specified to one decimal place, that is
    /// equal to or higher than its input", as FIRST's v3.0 calculator computes it: <c>Math.ceil(d * 10) / 10</c>.
    /// Unlike v3.1 it is exposed to floating point error (Roundup(0.1 + 0.2) is 0.4).
    /// </summary>
    public static double RoundupV30(double input) => Math.Ceiling(input * 10) / 10;

    /// <summary>
    /// CVSS v4.0 §8 ("This score is rounded to one decimal place") as the reference calculator's
    /// <c>roundToDecimalPlaces</c>: <c>Math.round((value + 1e-6) * 10) / 10</c>. The epsilon keeps values
    /// such as 1.4499999999999993, meant as 1.45, rounding up.
    /// </summary>
    public static double RoundV40(double value) => RoundHalfUp((value + 1e-6) * 10) / 10;

    /// <summary>CVSS v2 guide §3.2 <c>round_to_1_decimal</c>, halves up.</summary>
    public static double RoundV20(double value) => RoundHalfUp(value * 10) / 10;

    /// <summary>JavaScript's <c>Math.round</c> for non-negative input: the nearest integer, halves up.</summary>
    public static double RoundHalfUp(double value)
    {
        var floor = Math.Floor(value);
        return value - floor >= 0.5 ? floor + 1 : floor;
    }
}
