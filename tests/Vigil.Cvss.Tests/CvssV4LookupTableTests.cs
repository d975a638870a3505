namespace Vigil.Cvss.Tests;

public class CvssV4LookupTableTests
{
    // §8.1: "Use metric groups to gather the 15 million CVSS-BTE vectors into 270 disjoint equivalence
    // sets"; §8.2 Table 30: EQ3+EQ6 level 20 "Cannot exist".
    [Fact]
    public void Scores_EveryPossibleMacroVector_HasExactlyOneScore()
    {
        var possible =
            from eq1 in new[] { 0, 1, 2 }
            from eq2 in new[] { 0, 1 }
            from eq3 in new[] { 0, 1, 2 }
            from eq4 in new[] { 0, 1, 2 }
            from eq5 in new[] { 0, 1, 2 }
            from eq6 in new[] { 0, 1 }
            where !(eq3 == 2 && eq6 == 0)
            select $"{eq1}{eq2}{eq3}{eq4}{eq5}{eq6}";

        Assert.Equal(possible.Order(StringComparer.Ordinal),
            CvssV4LookupTable.Scores.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(270, CvssV4LookupTable.Scores.Count);
    }

    // The highest and lowest MacroVectors of cvss_lookup.js.
    [Theory]
    [InlineData("000000", 10.0)]
    [InlineData("000001", 9.9)]
    [InlineData("102201", 5.3)]
    [InlineData("212221", 0.1)]
    public void Scores_KnownMacroVector_MatchesReferenceLookup(string macroVector, double score)
    {
        Assert.Equal(score, CvssV4LookupTable.Scores[macroVector]);
    }

    [Fact]
    public void Scores_AllWithinZeroToTen()
    {
        Assert.All(CvssV4LookupTable.Scores.Values, s => Assert.InRange(s, 0.1, 10.0));
    }
}
