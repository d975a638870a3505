using System.Text.Json;
using Vigil.Cli.Output.Sarif;
using Vigil.Core.Advisories;

namespace Vigil.Cli.Tests.Output;

public sealed class AuditSarifWriterTests
{
    [Theory]
    [InlineData(AdvisorySeverity.Critical, "error")]
    [InlineData(AdvisorySeverity.High, "error")]
    [InlineData(AdvisorySeverity.Moderate, "warning")]
    [InlineData(AdvisorySeverity.Unknown, "warning")]
    [InlineData(AdvisorySeverity.Low, "note")]
    [InlineData(AdvisorySeverity.Info, "note")]
    public void Level_Severity_FollowsCodeScanningConvention(AdvisorySeverity severity, string level) =>
        Assert.Equal(level, AuditSarifWriter.Level(severity));

    /// <summary>GitHub: "over 9.0 is critical, 7.0 to 8.9 is high, 4.0 to 6.9 is medium and 3.9 or below is
    /// low".</summary>
    [Theory]
    [InlineData(AdvisorySeverity.High, 7.45, "7.5")] // the CVSS score wins, one decimal
    [InlineData(AdvisorySeverity.Critical, null, "9.5")]
    [InlineData(AdvisorySeverity.High, null, "8.0")]
    [InlineData(AdvisorySeverity.Moderate, null, "5.5")]
    [InlineData(AdvisorySeverity.Low, null, "2.0")]
    [InlineData(AdvisorySeverity.Info, null, null)]
    [InlineData(AdvisorySeverity.Unknown, null, null)]
    public void SecuritySeverity_ScoreOrWord_FallsInGitHubsBand(AdvisorySeverity severity, double? score,
        string? expected) =>
        Assert.Equal(expected, AuditSarifWriter.SecuritySeverity(severity, score));

    [Fact]
    public void Write_FindingInTwoLockfiles_IsOneRuleAndTwoResults()
    {
        var finding = Findings.Make(
            lockfiles: [$"{Findings.Root}/package-lock.json", $"{Findings.Root}/my app/yarn.lock"]);

        var run = JsonDocument.Parse(AuditSarifWriter.Write(Findings.Result(finding), "1.2.3"))
            .RootElement.GetProperty("runs")[0];

        Assert.Single(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
        Assert.Equal("1.2.3", run.GetProperty("tool").GetProperty("driver").GetProperty("version").GetString());
        var uris = run.GetProperty("results").EnumerateArray()
            .Select(
                r =>
                    r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation")
                        .GetProperty("uri").GetString());
        Assert.Equal(["package-lock.json", "my%20app/yarn.lock"], uris);
    }

    [Fact]
    public void Write_Log_DeclaresSarif210()
    {
        var log = JsonDocument.Parse(AuditSarifWriter.Write(Findings.Result(), "1.0.0")).RootElement;

        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", log.GetProperty("$schema").GetString());
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        Assert.Empty(log.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
    }
}
