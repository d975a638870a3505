using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests.Commands;

public sealed class AdvisoryShowCommandTests(AdvisoryDatabase database)
{
    [Fact]
    public async Task Show_NodejsWgId_PrintsSummarySeverityAffectedAndReferences()
    {
        database.RequireNodejsWg();

        var result = await CliRunner.RunAsync("advisory", "show", "NSWG-ECO-1", "--database", database.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("NSWG-ECO-1  Arbitrary JavaScript Execution", result.Out, StringComparison.Ordinal);
        Assert.Contains("moderate (CVSS 6.5, CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N)", result.Out,
            StringComparison.Ordinal);
        Assert.Contains("CVE-2014-7205", result.Out, StringComparison.Ordinal);
        Assert.Contains("bassmaster", result.Out, StringComparison.Ordinal);
        Assert.Contains("<=1.5.1", result.Out, StringComparison.Ordinal);
        Assert.Contains(">=1.5.2", result.Out, StringComparison.Ordinal);
        Assert.Contains("https://github.com/hapijs/bassmaster/commit/b751602d8cb7194ee62a61e085069679525138c4",
            result.Out, StringComparison.Ordinal);
        Assert.Contains("Jarda Kotěšovec (finder)", result.Out, StringComparison.Ordinal);
        Assert.Equal("", result.Err);
    }

    [Fact]
    public async Task Show_CveAlias_FindsTheNodejsWgAdvisory()
    {
        database.RequireNodejsWg();

        var result = await CliRunner.RunAsync("advisory", "show", "CVE-2014-7205", "--database", database.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("NSWG-ECO-1 ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Json_PrintsTheOsvDocument()
    {
        var result = await CliRunner.RunAsync("advisory", "show", "CVE-2021-44906", "--json", "--database",
            database.Path);

        Assert.Equal(0, result.ExitCode);
        var osv = result.Json();
        Assert.Equal(Fixtures.Critical, osv.GetProperty("id").GetString());
        Assert.Equal("CVE-2021-44906", osv.GetProperty("aliases")[0].GetString());
        Assert.Equal("minimist", osv.GetProperty("affected")[0].GetProperty("package").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Show_OsvRanges_ShowsVulnerableAndFixedVersions()
    {
        var result = await CliRunner.RunAsync("advisory", "show", Fixtures.Critical, "--database", database.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("critical (CVSS 9.8, CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H)", result.Out,
            StringComparison.Ordinal);
        Assert.Contains("<0.2.4 || >=1.0.0 <1.2.6", result.Out, StringComparison.Ordinal);
        Assert.Contains("0.2.4, 1.2.6", result.Out, StringComparison.Ordinal);
        Assert.Contains("- https://nvd.nist.gov/vuln/detail/CVE-2021-44906 (advisory)", result.Out,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NOPE-404")]
    [InlineData("nswg-eco-1")] // ids are case-sensitive, as in OSV
    public async Task Show_UnknownId_ExitsOneWithOneLineOnStderr(string id)
    {
        var result = await CliRunner.RunAsync("advisory", "show", id, "--database", database.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"vigil: advisory '{id}' not found", Assert.Single(result.ErrLines));
        Assert.Equal("", result.Out);
    }
}
