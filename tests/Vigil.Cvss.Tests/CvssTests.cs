namespace Vigil.Cvss.Tests;

public class CvssTests
{
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", CvssVersion.V3_1, 10.0)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N", CvssVersion.V3_0, 6.5)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", CvssVersion.V4_0, 9.3)]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P", CvssVersion.V2_0, 7.5)]
    public void TryParse_Prefix_DispatchesToVersion(string vector, CvssVersion version, double baseScore)
    {
        Assert.True(Cvss.TryParse(vector, out var parsed, out var error), error);
        Assert.Equal((version, baseScore), (parsed.Version, parsed.BaseScore));
        Assert.Equal(vector, parsed.ToString());
    }

    [Theory]
    [InlineData("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P",
        "unknown prefix 'CVSS:2.0' at position 0 (expected 'CVSS:3.0', 'CVSS:3.1' or 'CVSS:4.0')")]
    [InlineData("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "unknown prefix: expected 'CVSS:3.0/', 'CVSS:3.1/' or 'CVSS:4.0/', and not a CVSS v2 vector either (unknown "
            + "metric 'cvss' at position 0)")]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "unknown prefix: expected 'CVSS:3.0/', 'CVSS:3.1/' or 'CVSS:4.0/', and not a CVSS v2 vector either (unknown "
            + "metric 'PR' at position 10)")]
    [InlineData("CVSS:4.0/AV:N", "missing mandatory metric 'AC'")]
    [InlineData("9.8",
        "unknown prefix: expected 'CVSS:3.0/', 'CVSS:3.1/' or 'CVSS:4.0/', and not a CVSS v2 vector either (malformed "
            + "metric '9.8' at position 0: expected NAME:VALUE)")]
    [InlineData("", "vector is empty")]
    [InlineData(null, "vector is null")]
    public void TryParse_BadInput_ReturnsFalseWithError(string? vector, string error)
    {
        Assert.False(Cvss.TryParse(vector, out var parsed, out var actual));
        Assert.Null(parsed);
        Assert.Equal(error, actual);
    }

    [Fact]
    public void Parse_BadInput_ThrowsFormatException()
    {
        Assert.Equal("unknown prefix 'CVSS:3.2' at position 0 (expected 'CVSS:3.0', 'CVSS:3.1' or 'CVSS:4.0')",
            Assert.Throws<FormatException>(() => Cvss.Parse("CVSS:3.2/AV:N")).Message);
        Assert.Throws<ArgumentNullException>(() => Cvss.Parse(null!));
    }

    // v3.1 §5 Table 14 and v4.0 §6: None 0.0, Low 0.1-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0.
    [Theory]
    [InlineData(0.0, CvssSeverity.None)]
    [InlineData(0.1, CvssSeverity.Low)]
    [InlineData(3.9, CvssSeverity.Low)]
    [InlineData(4.0, CvssSeverity.Medium)]
    [InlineData(6.9, CvssSeverity.Medium)]
    [InlineData(7.0, CvssSeverity.High)]
    [InlineData(8.9, CvssSeverity.High)]
    [InlineData(9.0, CvssSeverity.Critical)]
    [InlineData(10.0, CvssSeverity.Critical)]
    public void GetSeverity_Score_FollowsRatingScale(double score, CvssSeverity severity)
    {
        Assert.Equal(severity, Cvss.GetSeverity(score));
    }

    // npm audit's levels (info < low < moderate < high < critical) over the same bands.
    [Theory]
    [InlineData(0.0, NpmSeverity.Info, "info")]
    [InlineData(0.1, NpmSeverity.Low, "low")]
    [InlineData(3.9, NpmSeverity.Low, "low")]
    [InlineData(4.0, NpmSeverity.Moderate, "moderate")]
    [InlineData(6.9, NpmSeverity.Moderate, "moderate")]
    [InlineData(7.0, NpmSeverity.High, "high")]
    [InlineData(8.9, NpmSeverity.High, "high")]
    [InlineData(9.0, NpmSeverity.Critical, "critical")]
    [InlineData(10.0, NpmSeverity.Critical, "critical")]
    public void ToNpmSeverity_Score_MapsToNpmWord(double score, NpmSeverity severity, string word)
    {
        Assert.Equal(severity, Cvss.ToNpmSeverity(score));
        Assert.Equal(word, Cvss.ToNpmSeverity(score).ToNpmString());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(10.1)]
    [InlineData(double.NaN)]
    public void GetSeverity_OutOfRange_Throws(double score)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Cvss.GetSeverity(score));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cvss.ToNpmSeverity(score));
    }

    [Fact]
    public void Equality_SameMetricsInAnotherOrder_AreEqual()
    {
        var a = Cvss.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
        var b = Cvss.Parse("CVSS:3.1/S:C/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H/E:X");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True((CvssV3Vector)a == (CvssV3Vector)b);
        Assert.NotEqual(a, Cvss.Parse("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"));
    }
}
