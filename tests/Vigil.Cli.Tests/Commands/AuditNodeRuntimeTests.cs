using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests.Commands;

/// <summary><c>vigil audit</c> checks the project's Node.js version against the WG's core advisories.</summary>
public sealed class AuditNodeRuntimeTests(AdvisoryDatabase database)
{
    private static string[] RuntimeIds(CliResult result) =>
        [.. result.Json().GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("package").GetString() == "node")
            .Select(f => f.GetProperty("id").GetString()!)];

    [Theory]
    [InlineData(".nvmrc", "v18.9.0\n", true)]
    [InlineData(".node-version", "18.9.1\n", false)]
    [InlineData("package.json", """{"name":"app","engines":{"node":">=18.9.0 <19"}}""", true)]
    public async Task Audit_ProjectNodeVersion_ReportsTheCoreAdvisoriesItIsVulnerableTo(string file, string content,
        bool expectCor100)
    {
        database.RequireNodejsWg();
        using var project = new TempDirectory();
        project.Write(file, content); // no lockfile: the runtime alone is audited

        var result = await CliRunner.RunAsync("audit", project.Path, "--json", "--database", database.Path);

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        var ids = RuntimeIds(result);
        // NSWG-COR-100 (CVE-2022-35256): vulnerable 14.x || 16.x || 18.x, patched ^18.9.1.
        Assert.Equal(expectCor100, ids.Contains("NSWG-COR-100"));
        Assert.All(ids, id => Assert.StartsWith("NSWG-COR-", id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_NodeOptionWithoutLockfile_ChecksTheRuntimeAlone()
    {
        database.RequireNodejsWg();
        using var project = new TempDirectory();

        var result = await CliRunner.RunAsync("audit", project.Path, "--json", "--node", "v18.9.0", "--database",
            database.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("NSWG-COR-100", RuntimeIds(result));
        Assert.All(result.Json().GetProperty("findings").EnumerateArray(),
            f => Assert.Equal("node", f.GetProperty("package").GetString()));
    }

    [Fact]
    public async Task Audit_NodeOptionNotAVersion_RefusedNamingIt()
    {
        using var project = new TempDirectory();

        var result = await CliRunner.RunAsync("audit", project.Path, "--node", "lts/*", "--database", database.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--node: 'lts/*' is not a Node.js version or range", result.Err, StringComparison.Ordinal);
    }

    /// <summary>
    /// A version of an ended release line fails the audit by itself (as is-my-node-vulnerable does), with a
    /// warning naming the line, its end of life and where the version came from; a supported line does not.
    /// An empty database, so that no advisory decides the exit status.
    /// </summary>
    [Theory]
    [InlineData("16.20.2", "16", "2023-09-11", "critical", 0)]
    [InlineData("16.20.2", "16", "2023-09-11", null, 1)]
    [InlineData("0.12.18", "0.12", "2016-12-31", "high", 1)]
    [InlineData("24.11.1", null, null, null, 0)]
    public async Task Audit_EndedNodeLine_FailsWithAWarningNamingTheLine(string version, string? line, string? date,
        string? level, int exitCode)
    {
        using var project = new TempDirectory();
        project.Write(".nvmrc", $"v{version}\n");
        string[] args = ["audit", project.Path, "--json", "--database", project.Database,
            .. level is null ? [] : new[] { "--audit-level", level }];

        var result = await CliRunner.RunAsync(args);

        Assert.Equal(exitCode, result.ExitCode);
        var json = result.Json();
        if (line is null)
        {
            Assert.False(json.TryGetProperty("runtime_end_of_life", out _));
            Assert.DoesNotContain("end of life", result.Err, StringComparison.Ordinal);
            return;
        }
        var ended = json.GetProperty("runtime_end_of_life");
        Assert.Equal((version, line, date),
            (ended.GetProperty("version").GetString(), ended.GetProperty("line").GetString(),
                ended.GetProperty("date").GetString()));
        Assert.Contains(
            $"vigil: warning: Node.js {version} (.nvmrc): release line {line} reached its end of life on {date}",
            result.Err, StringComparison.Ordinal);
    }
}
