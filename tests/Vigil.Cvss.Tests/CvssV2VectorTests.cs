namespace Vigil.Cvss.Tests;

public class CvssV2VectorTests
{
    // v2 guide §3.3 "Examples": CVE-2002-0392 (Apache chunked encoding), CVE-2003-0818 (Microsoft
    // ASN.1), CVE-2003-0062 (NOD32 buffer overflow), each with its Base, Temporal and Environmental score.
    [Theory]
    [InlineData("AV:N/AC:L/Au:N/C:N/I:N/A:C", "E:F/RL:OF/RC:C", "CDP:H/TD:H/CR:M/IR:M/AR:H", 7.8, 6.4, 9.2)]
    [InlineData("AV:N/AC:L/Au:N/C:C/I:C/A:C", "E:F/RL:OF/RC:C", "CDP:H/TD:H/CR:M/IR:M/AR:L", 10.0, 8.3, 9.0)]
    [InlineData("AV:L/AC:H/Au:N/C:C/I:C/A:C", "E:POC/RL:OF/RC:C", "CDP:H/TD:H/CR:M/IR:M/AR:M", 6.2, 4.9, 7.5)]
    public void Scores_GuideExample_MatchesGuide(string baseMetrics, string temporal, string environmental,
        double baseScore, double temporalScore, double environmentalScore)
    {
        var parsed = CvssV2Vector.Parse($"{baseMetrics}/{temporal}/{environmental}");

        Assert.Equal((baseScore, temporalScore, environmentalScore),
            (parsed.BaseScore, parsed.TemporalScore, parsed.EnvironmentalScore));
        Assert.Equal(environmentalScore, parsed.Score);
        Assert.Equal(baseScore, CvssV2Vector.Parse(baseMetrics).Score);
    }

    // §2.4: "ND" (Not Defined) for optional metrics; any order is accepted, output follows Table 13.
    [Theory]
    [InlineData("A:P/I:P/C:P/Au:N/AC:L/AV:N", "AV:N/AC:L/Au:N/C:P/I:P/A:P")]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:ND/RL:ND/RC:ND/CDP:ND/TD:ND/CR:ND/IR:ND/AR:ND",
        "AV:N/AC:L/Au:N/C:P/I:P/A:P")]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P/TD:L/E:POC", "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/TD:L")]
    public void Parse_AnyOrder_NormalizesToTableOrder(string vector, string normalized)
    {
        Assert.Equal(normalized, CvssV2Vector.Parse(vector).ToString());
    }

    [Theory]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P", "missing mandatory metric 'A'")]
    [InlineData("AV:N/AC:L/Au:X/C:P/I:P/A:P", "metric 'Au' has invalid value 'X' at position 10 (allowed: M, S, N)")]
    [InlineData("AV:N/AC:L/AU:N/C:P/I:P/A:P", "unknown metric 'AU' at position 10")]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X",
        "metric 'E' has invalid value 'X' at position 27 (allowed: U, POC, F, H, ND)")]
    [InlineData("(AV:N/AC:L/Au:N/C:P/I:P/A:P)", "unknown metric '(AV' at position 0")]
    public void TryParse_InvalidVector_ReturnsFalseWithPositionedError(string vector, string error)
    {
        Assert.False(CvssV2Vector.TryParse(vector, out _, out var actual));
        Assert.Equal(error, actual);
    }
}
