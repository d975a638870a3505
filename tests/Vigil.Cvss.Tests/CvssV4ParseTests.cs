namespace Vigil.Cvss.Tests;

public class CvssV4ParseTests
{
    // §7: "The following examples are valid CVSS v4.0 vectors".
    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N")]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:P")]
    [InlineData(
        "CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:A/VC:N/VI:N/VA:L/SC:H/SI:H/SA:H/CR:H/IR:H/AR:M/MAV:N/MAC:L/MAT:P/MPR:L/MUI:A/"
            + "MVC:N/MVI:H/MVA:L/MSC:L/MSI:S/MSA:H")]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:A/S:P/AU:Y/R:A/V:D/RE:L/U:Red")]
    [InlineData(
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:U/CR:L/IR:X/AR:L/MAV:A/MAC:H/MAT:N/MPR:N/"
            + "MUI:P/MVC:X/MVI:N/MVA:H/MSC:N/MSI:L/MSA:S/S:N/AU:N/R:I/V:C/RE:H/U:Green")]
    public void Parse_SpecificationValidExample_RoundTrips(string vector)
    {
        var parsed = CvssV4Vector.Parse(vector);

        Assert.Equal(vector.Replace("/IR:X", "").Replace("/MVC:X", ""), parsed.ToString());
        Assert.Equal(parsed, CvssV4Vector.Parse(parsed.ToString()));
    }

    // §7: "The following vectors are invalid" (the first six rows), and "A vector string must contain
    // metrics in the order shown in Table 23, every other ordering is invalid."
    [Theory]
    [InlineData("CVSS:4.0/AV:F/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N",
        "metric 'AV' has invalid value 'F' at position 9 (allowed: N, A, L, P)")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/E:A/E:X",
        "duplicate metric 'E' at position 68")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/ui:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N",
        "unknown metric 'ui' at position 29")]
    [InlineData("AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N",
        "unknown prefix 'AV:N' at position 0 (expected 'CVSS:4.0')")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/SC:N/SI:N/SA:N",
        "missing mandatory metric 'VA' (expected before 'SC' at position 44)")]
    [InlineData(
        "CVSS:4.0/AC:L/AV:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/CR:L/IR:X/AR:L/RE:H/MAV:A/MAC:H/MAT:N/MPR:N/MUI:P/"
            + "AT:N/MVC:X/MVI:N/MVA:H/MSC:N/MSI:L/MSA:S/E:U/S:N/AU:N/R:I/V:C/U:Green",
        "metric 'AV' at position 14 is out of order: 'AV' must come before 'AC'")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:H/E:A",
        "metric 'E' at position 69 is out of order: 'E' must come before 'CR'")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red",
        "metric 'U' has invalid value 'red' at position 64 (allowed: X, Clear, Green, Amber, Red)")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:S",
        "metric 'MSC' has invalid value 'S' at position 64 (allowed: X, N, L, H)")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        "metric 'UI' has invalid value 'R' at position 29 (allowed: N, P, A)")]
    [InlineData("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "missing mandatory metric 'AT' (expected before 'PR' at position 19)")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", "missing mandatory metric 'SA'")]
    [InlineData("CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        "unknown prefix 'CVSS:3.1' at position 0 (expected 'CVSS:4.0')")]
    public void TryParse_InvalidVector_ReturnsFalseWithPositionedError(string vector, string error)
    {
        Assert.False(CvssV4Vector.TryParse(vector, out var parsed, out var actual));
        Assert.Null(parsed);
        Assert.Equal(error, actual);
    }

    [Fact]
    public void GetMetric_ModifiedAndSupplemental_ReturnsValueOrX()
    {
        var parsed = CvssV4Vector.Parse(
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S/U:Amber");

        Assert.Equal(("S", "Amber", "X"), (parsed.GetMetric("MSI"), parsed.GetMetric("U"), parsed.GetMetric("E")));
        Assert.Throws<ArgumentException>(() => parsed.GetMetric("S:"));
    }
}
