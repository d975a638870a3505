namespace Vigil.Cvss.Tests;

/// <summary>
/// Base, Temporal and Environmental scores against FIRST's reference calculator for v3.1
/// (cvsscalc31.js, "A reference implementation of the CVSS standard", v3.1 specification Appendix C);
/// expected values were produced by running that file on each vector.
/// </summary>
public class CvssV3ScoreTests
{
    // §7.1–7.3: BaseScore, TemporalScore = Roundup(BaseScore × ExploitCodeMaturity × RemediationLevel ×
    // ReportConfidence), EnvironmentalScore from the Modified metrics; unspecified metrics are Not Defined.
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:L", 7.1, 7.1, 7.1)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:L/UI:N/S:C/C:L/I:L/A:L/E:P/RL:O", 4.5, 4.1, 4.1)]
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:H/E:F/RL:O/AR:L/MAV:P/MPR:H/MUI:N/MS:C/MI:H", 7.3, 6.8,
        5.5)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 6.2, 6.2, 6.2)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:L/RL:W", 5.7, 5.6, 5.6)]
    [InlineData(
        "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:C/C:N/I:H/A:H/E:U/RC:R/CR:L/AR:M/MAV:N/MAC:H/MPR:N/MUI:R/MS:U/MC:H/MA:L", 6.9,
        6.1, 5.7)]
    [InlineData("CVSS:3.1/AV:A/AC:H/PR:H/UI:N/S:C/C:N/I:H/A:H", 7.3, 7.3, 7.3)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:L/UI:N/S:U/C:N/I:N/A:H", 4.0, 4.0, 4.0)]
    [InlineData("CVSS:3.1/AV:P/AC:L/PR:H/UI:R/S:C/C:N/I:N/A:H/E:H/RL:U/CR:L/AR:M/MPR:L/MUI:N/MI:N/MA:H", 4.8, 4.8, 5.2)]
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:H/UI:R/S:U/C:L/I:N/A:H", 4.9, 4.9, 4.9)]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:C/C:L/I:N/A:H/RC:R", 6.4, 6.2, 6.2)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:L/E:U/RL:T/RC:U/IR:L/AR:M/MUI:N/MC:H/MI:L/MA:H", 7.2, 5.8,
        8.1)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:L", 2.0, 2.0, 2.0)]
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:H/UI:R/S:U/C:N/I:N/A:H/E:U", 4.3, 4.0, 4.0)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:H/UI:R/S:U/C:H/I:H/A:L/E:U/IR:L/AR:L/MUI:N/MC:H/MA:H", 6.1, 5.6, 5.3)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:H", 6.4, 6.4, 6.4)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:N/A:H/E:U/RL:T/RC:C", 5.9, 5.2, 5.2)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:L/RC:U/MAV:A/MC:H/MA:N", 3.1, 2.9, 5.5)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:L/I:L/A:H", 5.5, 5.5, 5.5)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:H/I:H/A:H", 7.1, 7.1, 7.1)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:L/A:N/CR:M/IR:H/AR:H/MUI:N/MI:N", 7.1, 7.1, 7.1)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:H", 7.3, 7.3, 7.3)]
    [InlineData("CVSS:3.1/AV:A/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:H/RL:W", 4.6, 4.5, 4.5)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:N/I:H/A:N/RL:U/RC:C/IR:M/AR:L/MAV:L/MPR:L/MS:U/MI:N/MA:N", 3.9, 3.9,
        0.0)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:L", 3.1, 3.1, 3.1)]
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:L/I:H/A:L", 7.6, 7.6, 7.6)]
    [InlineData("CVSS:3.1/AV:A/AC:H/PR:L/UI:R/S:C/C:L/I:L/A:L/CR:M/IR:H/AR:H/MAC:H/MA:L", 5.1, 5.1, 6.1)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:L/I:L/A:N", 4.2, 4.2, 4.2)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:N/I:L/A:L/RL:W/RC:U", 3.3, 3.0, 3.0)]
    [InlineData("CVSS:3.1/AV:A/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:L/E:F/RC:R/AR:M/MPR:H/MUI:R", 6.4, 6.0, 5.5)]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:L/UI:R/S:C/C:L/I:N/A:H", 6.1, 6.1, 6.0)]
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:C/C:L/I:H/A:L", 8.2, 8.2, 8.2)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:H/UI:R/S:U/C:L/I:L/A:N/RL:U/RC:U/IR:H/AR:H/MPR:L/MUI:N", 3.1, 2.9, 4.6)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.3, 5.3, 5.3)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:L", 6.3, 6.3, 6.3)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:C/C:N/I:L/A:N/E:U/RL:U/MAV:L/MUI:N", 3.8, 3.5, 3.5)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:C/C:N/I:H/A:L", 5.5, 5.5, 5.5)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:H/A:H/E:F/RC:R", 5.3, 5.0, 5.0)]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:L/UI:R/S:U/C:L/I:N/A:L/RL:U/AR:H/MAC:L/MUI:R/MC:H/MI:N", 3.3, 3.3, 5.9)]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:L", 6.5, 6.5, 6.5)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H/E:P/RC:R", 7.8, 7.1, 7.1)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:L/I:L/A:H/RL:T/MAV:N/MI:H", 7.5, 7.2, 8.0)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:N/I:H/A:L", 5.6, 5.6, 5.6)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:C/C:N/I:L/A:H/E:P/RL:U/RC:R", 6.7, 6.1, 6.1)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:L/E:P/RC:C/MAV:A/MPR:H/MI:H", 5.7, 5.4, 5.9)]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, 0.0, 0.0)]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:H/UI:N/S:C/C:H/I:N/A:N/E:H/RL:W/RC:C", 5.3, 5.2, 5.2)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:N/I:N/A:N/E:P/RL:W/RC:U/AR:L/MAC:H/MPR:N/MS:U/MI:N/MA:H", 0.0, 0.0,
        2.8)]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:N/UI:N/S:C/C:N/I:L/A:H", 6.7, 6.7, 6.7)]
    [InlineData("CVSS:3.1/AV:P/AC:L/PR:N/UI:R/S:U/C:L/I:N/A:H/RL:U/RC:U", 4.9, 4.6, 4.6)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:C/C:H/I:L/A:L/E:H/RL:T/MAV:L/MAC:H/MUI:R/MS:C", 6.0, 5.8, 6.2)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:C/C:L/I:H/A:H", 6.8, 6.8, 6.8)]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:L/UI:N/S:U/C:L/I:H/A:N/E:F/RC:R", 4.6, 4.3, 4.3)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:H/I:N/A:H/E:U/RC:C/IR:M/MAC:L/MPR:H/MS:C/MA:H", 6.4, 5.9, 7.4)]
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:L/UI:R/S:U/C:N/I:L/A:N", 3.0, 3.0, 3.0)]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:L/UI:R/S:C/C:N/I:H/A:L/E:P", 6.1, 5.8, 5.7)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:L/I:N/A:H/E:U/RL:T/CR:L/IR:H/AR:L/MAV:P/MAC:L/MPR:N/MI:N/MA:L", 6.1,
        5.4, 1.9)]
    [InlineData("CVSS:3.1/AV:P/AC:L/PR:L/UI:R/S:C/C:H/I:N/A:L", 5.7, 5.7, 5.7)]
    [InlineData("CVSS:3.1/AV:A/AC:H/PR:H/UI:N/S:U/C:L/I:H/A:N", 4.8, 4.8, 4.8)]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:L/UI:R/S:C/C:N/I:L/A:H/E:U/RC:C/IR:L/AR:H/MAV:A/MAC:H/MPR:L/MS:U/MC:L", 6.1, 5.6,
        6.1)]
    public void Scores_ReferenceCalculatorTable_MatchReference(string vector, double baseScore, double temporal,
        double environmental)
    {
        var parsed = CvssV3Vector.Parse(vector);

        Assert.Equal((baseScore, temporal, environmental),
            (parsed.BaseScore, parsed.TemporalScore, parsed.EnvironmentalScore));
    }

    // v3.1 §7.3: "Note that the exponent at the end of the ModifiedImpact sub-formula is 13, which differs
    // from CVSS v3.0." The same metrics under both labels (v3.0 scores from FIRST's cvsscalc30.js formula).
    [Theory]
    [InlineData("AV:P/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:L/E:U/RL:T/AR:H/MAV:N", 7.9, 8.0)]
    [InlineData("AV:N/AC:H/PR:H/UI:N/S:C/C:L/I:L/A:H/AR:H/MPR:H", 8.0, 8.1)]
    [InlineData("AV:P/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:N/E:P/IR:H/AR:M/MI:H/MA:L", 7.0, 7.1)]
    [InlineData("AV:L/AC:L/PR:N/UI:N/S:C/C:L/I:H/A:H/AR:L/MAV:A", 9.0, 8.9)]
    [InlineData("AV:P/AC:H/PR:N/UI:R/S:U/C:N/I:H/A:H/CR:H/MPR:N/MS:C/MC:H", 7.0, 7.1)]
    [InlineData("AV:A/AC:L/PR:H/UI:R/S:C/C:H/I:L/A:N/RC:U/IR:H/AR:H/MAV:L/MA:H", 7.1, 7.2)]
    [InlineData("AV:N/AC:L/PR:H/UI:R/S:C/C:H/I:N/A:L/RL:U/RC:C/CR:H/MAV:A/MA:H", 7.9, 8.0)]
    [InlineData("AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:H/A:H/E:P/CR:M/IR:H/AR:L/MAV:P/MS:C/MA:L", 6.4, 6.5)]
    public void Score_ScopeChangedEnvironmental_DiffersBetweenV30AndV31(string metrics, double v30, double v31)
    {
        Assert.Equal(v30, CvssV3Vector.Parse("CVSS:3.0/" + metrics).Score);
        Assert.Equal(v31, CvssV3Vector.Parse("CVSS:3.1/" + metrics).Score);
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, 9.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C", 9.8, 8.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/CR:X", 9.8, 9.8)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H/MAV:A/MAC:L/MPR:N/MS:U/CR:L/IR:H", 7.8, 8.0)]
    public void Score_MostSpecificGroup_IsEnvironmentalThenTemporalThenBase(string vector, double baseScore,
        double score)
    {
        var parsed = CvssV3Vector.Parse(vector);

        Assert.Equal(baseScore, parsed.BaseScore);
        Assert.Equal(score, parsed.Score);
    }

    // §7.1: "If Impact <= 0: 0, else …"
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N")]
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:C/C:N/I:N/A:N")]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N")]
    public void BaseScore_NoImpact_IsZeroAndNone(string vector)
    {
        var parsed = CvssV3Vector.Parse(vector);

        Assert.Equal(0.0, parsed.BaseScore);
        Assert.Equal(CvssSeverity.None, parsed.Severity);
    }
}
