using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests.Commands;

public sealed class AdvisoryCveCommandTests(AdvisoryDatabase database)
{
    private const string Cna = "b3476cb9-2e3d-41a6-98d0-0f47421a65b6";

    [Fact]
    public async Task Cve_Advisory_PrintsTheSubmissionBody()
    {
        var result = await CliRunner.RunAsync(
            "advisory", "cve", Fixtures.Critical, "--cve", "CVE-2021-44906", "--cna-org", Cna,
            "--collection-url", "npm=https://packages.example.test/", "--database", database.Path);

        Assert.Equal(0, result.ExitCode);
        var cna = result.Json().GetProperty("cnaContainer");
        Assert.Equal(Cna, cna.GetProperty("providerMetadata").GetProperty("orgId").GetString());
        var affected = cna.GetProperty("affected")[0];
        Assert.Equal("minimist", affected.GetProperty("packageName").GetString());
        Assert.Equal("https://packages.example.test/", affected.GetProperty("collectionURL").GetString());
        Assert.Equal("1.2.6", affected.GetProperty("versions")[1].GetProperty("lessThan").GetString());
        Assert.Equal(9.8, cna.GetProperty("metrics")[0].GetProperty("cvssV3_1").GetProperty("baseScore").GetDouble());
    }

    [Fact]
    public async Task Cve_Full_PrintsARecordWithMetadata()
    {
        var result = await CliRunner.RunAsync(
            "advisory", "cve", Fixtures.Critical, "--cve", "CVE-2021-44906", "--cna-org", Cna, "--cna-name", "example",
            "--full", "--database", database.Path);

        Assert.Equal(0, result.ExitCode);
        var record = result.Json();
        Assert.Equal("CVE_RECORD", record.GetProperty("dataType").GetString());
        Assert.Equal("CVE-2021-44906", record.GetProperty("cveMetadata").GetProperty("cveId").GetString());
        Assert.Equal("example", record.GetProperty("cveMetadata").GetProperty("assignerShortName").GetString());
    }

    [Theory]
    [InlineData("--cve", "CVE-21-1", "cveId")]
    [InlineData("--collection-url", "npm", "--collection-url 'npm'")]
    [InlineData("--collection-url", "npm=ftp://x", "expected ECOSYSTEM=URL")]
    public async Task Cve_BadInput_SaysWhatIsWrong(string option, string value, string expected)
    {
        string[] args = option == "--cve"
            ? ["advisory", "cve", Fixtures.Critical, "--cve", value, "--cna-org", Cna, "--database", database.Path]
            : ["advisory", "cve", Fixtures.Critical, "--cve", "CVE-2021-44906", "--cna-org", Cna, option, value,
                "--database", database.Path];

        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Cve_UnknownAdvisory_Fails()
    {
        var result = await CliRunner.RunAsync("advisory", "cve", "NOPE-1", "--cve", "CVE-2021-44906", "--cna-org", Cna,
            "--database", database.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("advisory 'NOPE-1' not found", result.Err, StringComparison.Ordinal);
    }
}
