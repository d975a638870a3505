namespace Vigil.Cvss.Tests;

public class CvssV3ParseTests
{
    private const string Log4Shell = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H";

    // v3.1 §6: "A vector string should contain metrics in the order shown in Table 15, though other
    // orderings are valid. … Programs reading CVSS v3.1 vector strings must accept metrics in any order".
    [Theory]
    [InlineData("CVSS:3.1/A:H/I:H/C:H/S:C/UI:N/PR:N/AC:L/AV:N", Log4Shell)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/E:X/RL:X/RC:X", Log4Shell)]
    [InlineData("CVSS:3.1/MA:L/AV:N/AC:L/PR:N/UI:N/RL:O/S:C/C:H/I:H/A:H/E:F", Log4Shell + "/E:F/RL:O/MA:L")]
    [InlineData("CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L", "CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L")]
    public void Parse_AnyOrderOrExplicitNotDefined_NormalizesToTable15Order(string vector, string normalized)
    {
        var parsed = CvssV3Vector.Parse(vector);

        Assert.Equal(normalized, parsed.ToString());
        Assert.Equal(parsed, CvssV3Vector.Parse(parsed.ToString()));
    }

    // v3.1 §6: "All Base metrics must be included in a vector string. … A vector string must not include
    // the same metric more than once." Table 15 lists each metric's possible values.
    [Theory]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "metric 'AV' has invalid value 'X' at position 9 (allowed: N, A, L, P)")]
    [InlineData("CVSS:3.1/AV:N/AC:L/UI:N/S:U/C:H/I:H/A:H", "missing mandatory metric 'PR'")]
    [InlineData("CVSS:3.1/AV:N/AC:L/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", "duplicate metric 'AC' at position 19")]
    [InlineData("CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "unknown prefix 'CVSS:3.2' at position 0 (expected 'CVSS:3.0' or 'CVSS:3.1')")]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "unknown prefix 'AV:N' at position 0 (expected 'CVSS:3.0' or 'CVSS:3.1')")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "empty metric at position 45")]
    [InlineData("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "empty metric at position 14")]
    [InlineData("CVSS:3.1/AV:N/AC/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "malformed metric 'AC' at position 14: expected NAME:VALUE")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:",
        "malformed metric 'A:' at position 41: expected NAME:VALUE")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AT:N", "unknown metric 'AT' at position 45")]
    [InlineData("CVSS:3.1/av:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "unknown metric 'av' at position 9")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/E:F", "duplicate metric 'E' at position 49")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:X/C:H/I:H/A:H",
        "metric 'S' has invalid value 'X' at position 29 (allowed: U, C)")]
    [InlineData("CVSS:3.1", "missing mandatory metric 'AV'")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H ",
        "metric 'A' has invalid value 'H ' at position 41 (allowed: H, L, N)")]
    [InlineData("", "vector is empty")]
    [InlineData(null, "vector is null")]
    public void TryParse_InvalidVector_ReturnsFalseWithPositionedError(string? vector, string error)
    {
        Assert.False(CvssV3Vector.TryParse(vector, out var parsed, out var actual));
        Assert.Null(parsed);
        Assert.Equal(error, actual);
    }

    [Fact]
    public void Parse_InvalidVector_ThrowsFormatExceptionWithTheError()
    {
        var exception = Assert.Throws<FormatException>(
            () => CvssV3Vector.Parse("CVSS:3.1/AV:N/AC:L/UI:N/S:U/C:H/I:H/A:H"));

        Assert.Equal("missing mandatory metric 'PR'", exception.Message);
    }

    [Fact]
    public void GetMetric_DefinedAndOmittedMetrics_ReturnsValueOrX()
    {
        var parsed = CvssV3Vector.Parse(Log4Shell + "/E:F");

        Assert.Equal(("N", "F", "X"), (parsed.GetMetric("AV"), parsed.GetMetric("E"), parsed.GetMetric("MAV")));
        Assert.Throws<ArgumentException>(() => parsed.GetMetric("AT"));
        Assert.Equal(9, parsed.Metrics.Count);
        Assert.Equal(new CvssMetric("E", "F"), parsed.Metrics[^1]);
    }
}
