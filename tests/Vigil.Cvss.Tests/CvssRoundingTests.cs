namespace Vigil.Cvss.Tests;

public class CvssRoundingTests
{
    // v3.1 §7: "Roundup returns the smallest number, specified to 1 decimal place, that is equal to or
    // higher than its input. For example, Roundup (4.02) returns 4.1; and Roundup (4.00) returns 4.0."
    // Appendix A: "although the intuitive result of 0.1 + 0.2 is 0.3, JavaScript implementations on many
    // systems return 0.30000000000004. A simple implementation of Roundup would round this up to 0.4".
    [Theory]
    [InlineData(4.02, 4.1, 4.1)]
    [InlineData(4.00, 4.0, 4.0)]
    [InlineData(0.1 + 0.2, 0.3, 0.4)]
    [InlineData(1.200003, 1.2, 1.3)]
    [InlineData(1.200009, 1.3, 1.3)]
    [InlineData(9.99, 10.0, 10.0)]
    [InlineData(0.0, 0.0, 0.0)]
    public void Roundup_Input_MatchesSpecification(double input, double v31, double v30)
    {
        Assert.Equal(v31, CvssRounding.RoundupV31(input));
        Assert.Equal(v30, CvssRounding.RoundupV30(input));
    }

    // v4.0 §8.2: "This score is rounded to one decimal place", as the reference's roundToDecimalPlaces:
    // "roundToDecimalPlaces(4.25) returns 4.3; roundToDecimalPlaces(1.4499999999999993) returns 1.5".
    [Theory]
    [InlineData(4.25, 4.3)]
    [InlineData(1.4499999999999993, 1.5)]
    [InlineData(4.24, 4.2)]
    [InlineData(0.05, 0.1)]
    [InlineData(10.0, 10.0)]
    public void RoundV40_Input_MatchesReference(double input, double expected)
    {
        Assert.Equal(expected, CvssRounding.RoundV40(input));
    }
}
