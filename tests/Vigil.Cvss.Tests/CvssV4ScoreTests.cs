namespace Vigil.Cvss.Tests;

/// <summary>
/// CVSS v4.0 scores against FIRST's reference calculator (cvss40.js of the FIRST/Red Hat
/// cvss-v4-calculator, as of its rounding fix of 2024-11): expected values were produced by running it
/// on each vector. The first rows are the vectors of the specification's §7 examples.
/// </summary>
public class CvssV4ScoreTests
{
    // §8.2: "A vector within a MacroVector is assigned the score of the highest severity vector in the
    // MacroVector minus the mean proportional distance from the MacroVectors below it." The BaseScore
    // column is the CVSS-B score of the same Base metrics.
    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N", 5.1, 5.1, "CVSS-B", "102201")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:A", 5.1, 5.1, "CVSS-BT", "102201")]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:P", 4.5, 5.4, "CVSS-BT", "210210")]
    [InlineData(
        "CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:A/VC:N/VI:N/VA:L/SC:H/SI:H/SA:H/CR:H/IR:H/AR:M/MAV:N/MAC:L/MAT:P/MPR:L/MUI:A/"
            + "MVC:N/MVI:H/MVA:L/MSC:L/MSI:S/MSA:H",
        8.5, 5.0, "CVSS-BE", "111000")]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:A/S:P/AU:Y/R:A/V:D/RE:L/U:Red", 5.4,
        5.4, "CVSS-BT", "210200")]
    [InlineData(
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:U/CR:L/IR:X/AR:L/MAV:A/MAC:H/MAT:N/MPR:N/"
            + "MUI:P/MVC:X/MVI:N/MVA:H/MSC:N/MSI:L/MSA:S/S:N/AU:N/R:I/V:C/RE:H/U:Green",
        4.2, 5.1, "CVSS-BTE", "111021")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0, 10.0, "CVSS-B", "000100")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0, 0.0, "CVSS-B", "002201")]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N/E:U", 0.1, 1.0, "CVSS-BT", "212221")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S", 10.0, 9.3, "CVSS-BE",
        "000000")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:P/PR:H/UI:N/VC:N/VI:H/VA:H/SC:L/SI:N/SA:L", 5.7, 5.7, "CVSS-B", "111200")]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:N/PR:L/UI:P/VC:N/VI:L/VA:H/SC:N/SI:H/SA:H", 5.8, 5.8, "CVSS-B", "211100")]
    [InlineData(
        "CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:A/VC:H/VI:L/VA:L/SC:H/SI:N/SA:L/E:A/AR:L/MAC:L/MAT:P/MPR:L/MUI:N/MVA:L/MSC:L/"
            + "MSA:H",
        7.1, 7.0, "CVSS-BTE", "111100")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:P/PR:N/UI:A/VC:L/VI:N/VA:N/SC:L/SI:H/SA:N", 4.3, 4.3, "CVSS-B", "112101")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:P/PR:N/UI:P/VC:L/VI:H/VA:L/SC:L/SI:L/SA:L", 5.8, 5.8, "CVSS-B", "111200")]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:P/PR:H/UI:N/VC:L/VI:L/VA:L/SC:L/SI:L/SA:H/E:A/CR:L/IR:M/MAV:L/MVC:H/MVI:L/MSA:N",
        4.1, 4.8, "CVSS-BTE", "111201")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:P/PR:H/UI:N/VC:N/VI:N/VA:L/SC:N/SI:N/SA:H", 4.0, 4.0, "CVSS-B", "112101")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:A/VC:H/VI:H/VA:N/SC:N/SI:L/SA:L", 8.3, 8.3, "CVSS-B", "100200")]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:A/VC:H/VI:L/VA:L/SC:N/SI:N/SA:H/AR:L/MAV:L/MSC:L/MSA:L", 4.1, 5.7,
        "CVSS-BE", "211200")]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:N/UI:N/VC:N/VI:N/VA:H/SC:H/SI:H/SA:L", 5.9, 5.9, "CVSS-B", "211100")]
    [InlineData("CVSS:4.0/AV:N/AC:H/AT:N/PR:N/UI:A/VC:N/VI:N/VA:H/SC:L/SI:H/SA:H/E:A", 7.1, 7.1, "CVSS-BT", "111100")]
    [InlineData("CVSS:4.0/AV:A/AC:L/AT:N/PR:H/UI:N/VC:L/VI:N/VA:L/SC:N/SI:L/SA:H/MAT:P/MVA:H", 6.9, 6.1, "CVSS-BE",
        "111100")]
    [InlineData("CVSS:4.0/AV:A/AC:L/AT:P/PR:N/UI:A/VC:L/VI:H/VA:H/SC:H/SI:N/SA:H", 7.1, 7.1, "CVSS-B", "111100")]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:N/PR:H/UI:P/VC:N/VI:H/VA:L/SC:N/SI:N/SA:H/E:A", 6.7, 6.7, "CVSS-BT", "201100")]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:L/VA:N/SC:N/SI:H/SA:L/E:A/IR:L/AR:H/MAC:H/MUI:A/MVC:N", 2.0,
        5.7, "CVSS-BTE", "212101")]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:N", 7.0, 7.0, "CVSS-B", "200200")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:A/VC:H/VI:H/VA:N/SC:L/SI:L/SA:H/E:U", 5.3, 8.4, "CVSS-BT", "200120")]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:N/PR:L/UI:A/VC:H/VI:H/VA:N/SC:H/SI:L/SA:L/E:U/MAC:H/MVA:L/MSA:S", 5.6, 6.9,
        "CVSS-BTE", "210020")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:L/VI:N/VA:N/SC:H/SI:L/SA:N", 6.1, 6.1, "CVSS-B", "102101")]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:P/PR:H/UI:P/VC:H/VI:H/VA:N/SC:N/SI:H/SA:H/E:U", 3.4, 6.9, "CVSS-BT", "210120")]
    [InlineData(
        "CVSS:4.0/AV:A/AC:L/AT:N/PR:H/UI:N/VC:L/VI:N/VA:N/SC:L/SI:N/SA:L/E:P/IR:M/MAT:N/MVC:H/MVI:N/MVA:N/MSC:L/MSI:N/"
            + "MSA:H",
        6.8, 4.8, "CVSS-BTE", "101110")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:P/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:L/SA:H", 4.8, 4.8, "CVSS-B", "112101")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:A/VC:N/VI:L/VA:L/SC:L/SI:L/SA:N/E:U", 0.4, 2.4, "CVSS-BT", "202221")]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:P/PR:H/UI:A/VC:H/VI:H/VA:L/SC:N/SI:H/SA:H", 7.0, 7.0, "CVSS-B", "210100")]
    [InlineData("CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:N/VC:H/VI:N/VA:H/SC:L/SI:N/SA:H", 7.1, 7.1, "CVSS-B", "111100")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:N/VA:L/SC:H/SI:H/SA:H", 8.6, 8.6, "CVSS-B", "101100")]
    [InlineData(
        "CVSS:4.0/AV:P/AC:L/AT:P/PR:L/UI:A/VC:L/VI:N/VA:L/SC:L/SI:H/SA:H/CR:H/IR:H/MAV:L/MAC:H/MPR:N/MUI:A/MVC:L/MSA:H",
        4.7, 2.3, "CVSS-BE", "112101")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:P/VC:H/VI:H/VA:L/SC:N/SI:H/SA:N", 8.2, 8.2, "CVSS-B", "200100")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:P/PR:H/UI:A/VC:N/VI:H/VA:L/SC:H/SI:L/SA:L", 5.8, 5.8, "CVSS-B", "211100")]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:N/VC:H/VI:L/VA:N/SC:N/SI:H/SA:L/MAT:N/MVA:H/MSC:L/MSI:S", 7.3, 5.7,
        "CVSS-BE", "211000")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:L/VI:H/VA:L/SC:H/SI:H/SA:H", 7.2, 7.2, "CVSS-B", "111100")]
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:P/VC:L/VI:H/VA:N/SC:L/SI:L/SA:N", 5.2, 5.2, "CVSS-B", "201200")]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:P/PR:H/UI:N/VC:H/VI:L/VA:L/SC:N/SI:H/SA:L/E:P/CR:H/AR:M/MPR:N/MUI:A/MVI:L", 5.6,
        7.0, "CVSS-BTE", "111110")]
    [InlineData("CVSS:4.0/AV:A/AC:L/AT:P/PR:L/UI:A/VC:N/VI:H/VA:N/SC:L/SI:L/SA:H", 5.8, 5.8, "CVSS-B", "211100")]
    [InlineData("CVSS:4.0/AV:A/AC:L/AT:N/PR:L/UI:N/VC:N/VI:N/VA:N/SC:H/SI:H/SA:H", 6.4, 6.4, "CVSS-B", "102101")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:L/SC:N/SI:L/SA:L/IR:L/AR:H/MAT:N/MPR:N/MUI:A/MSI:H",
        7.0, 7.0, "CVSS-BE", "101101")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:P/VC:H/VI:N/VA:H/SC:H/SI:L/SA:N", 7.1, 7.1, "CVSS-B", "111100")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:P/VC:H/VI:L/VA:H/SC:L/SI:H/SA:N/E:U", 4.1, 6.9, "CVSS-BT", "201120")]
    [InlineData(
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:H/VA:N/SC:H/SI:N/SA:L/E:P/CR:H/MAV:N/MAC:L/MAT:P/MUI:N/MSC:N", 5.4,
        8.4, "CVSS-BTE", "111210")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:P/PR:N/UI:N/VC:N/VI:L/VA:L/SC:H/SI:H/SA:H", 5.5, 5.5, "CVSS-B", "112101")]
    [InlineData("CVSS:4.0/AV:L/AC:H/AT:P/PR:N/UI:P/VC:H/VI:L/VA:H/SC:H/SI:H/SA:N/E:A", 7.1, 7.1, "CVSS-BT", "111100")]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:N/VC:N/VI:L/VA:N/SC:L/SI:N/SA:H/MPR:H/MVC:L/MVI:L/MSI:H/MSA:L", 4.8,
        4.8, "CVSS-BE", "112101")]
    [InlineData("CVSS:4.0/AV:N/AC:H/AT:N/PR:N/UI:P/VC:H/VI:L/VA:H/SC:N/SI:L/SA:L", 6.1, 6.1, "CVSS-B", "111200")]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:N/VI:L/VA:L/SC:L/SI:N/SA:N/E:U", 0.1, 1.0, "CVSS-BT", "212221")]
    [InlineData("CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:N/SC:N/SI:N/SA:H/E:P/IR:H/MAV:P/MUI:A/MSA:S", 6.8, 6.7,
        "CVSS-BTE", "210010")]
    public void Score_ReferenceCalculatorTable_MatchesReference(string vector, double score, double baseScore,
        string nomenclature, string macroVector)
    {
        var parsed = CvssV4Vector.Parse(vector);

        Assert.Equal((score, baseScore), (parsed.Score, parsed.BaseScore));
        Assert.Equal(nomenclature, parsed.Nomenclature);
        Assert.Equal(macroVector, parsed.MacroVector);
    }

    // §8.2 Table 28: "If E=X it will default to the worst case (i.e., E=A)." Table 29: "If CR=X, IR=X or
    // AR=X they will default to the worst case (i.e., CR=H, IR=H and AR=H)."
    [Theory]
    [InlineData("/E:A")]
    [InlineData("/E:X")]
    [InlineData("/CR:H/IR:H/AR:H")]
    [InlineData("/E:X/CR:X/IR:X/AR:X/MAV:X")]
    public void Score_WorstCaseDefaults_EqualsBaseScore(string threatAndEnvironmental)
    {
        var parsed = CvssV4Vector.Parse(
            "CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:P/VC:H/VI:L/VA:N/SC:L/SI:N/SA:N" + threatAndEnvironmental);

        Assert.Equal(parsed.BaseScore, parsed.Score);
    }

    // "Supplemental metrics do not modify the final score" (§1).
    [Fact]
    public void Score_SupplementalMetrics_DoNotChangeScore()
    {
        var without = CvssV4Vector.Parse("CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
        var with = CvssV4Vector.Parse(without + "/S:P/AU:Y/R:I/V:C/RE:H/U:Amber");

        Assert.Equal((without.Score, without.Nomenclature), (with.Score, with.Nomenclature));
    }
}
