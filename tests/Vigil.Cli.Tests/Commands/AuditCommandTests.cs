using System.Text.Json;
using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests.Commands;

public sealed class AuditCommandTests(AdvisoryDatabase database)
{
    /// <summary>Every shared sample installs minimist 0.0.8 (through mkdirp) and a dev-only minimist 1.2.8.</summary>
    public static TheoryData<string> Samples =>
    [
        "npm-package-lock-v1", "npm-package-lock-v2", "npm-package-lock-v3",
        "yarn-v1", "yarn-berry", "pnpm-8.15.9", "pnpm-9.15.9", "pnpm-11.28.10",
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Audit_Json_FindsTheMinimistAdvisoriesInEveryFormat(string sample)
    {
        var result = await CliRunner.RunAsync("audit", SharedData.Lockfiles(sample), "--json", "--database",
            database.Path);

        Assert.True(result.ExitCode == 1, result.ToString());
        var json = result.Json();
        var findings = json.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(
            [$"{Fixtures.Critical} minimist@0.0.8 critical", $"{Fixtures.Moderate} minimist@0.0.8 moderate",
                $"{Fixtures.DevOnly} minimist@1.2.8 low"],
            findings.Select(f =>
                $"{f.GetProperty("id")} {f.GetProperty("package")}@{f.GetProperty("version")} "
                    + $"{f.GetProperty("severity")}"));
        var critical = findings[0];
        Assert.Equal(["CVE-2021-44906"], critical.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(9.8, critical.GetProperty("cvss").GetProperty("score").GetDouble());
        Assert.Equal("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            critical.GetProperty("cvss").GetProperty("vector").GetString());
        Assert.Equal("Prototype Pollution in minimist", critical.GetProperty("title").GetString());
        Assert.Equal("<0.2.4 || >=1.0.0 <1.2.6", critical.GetProperty("vulnerable_versions").GetString());
        Assert.Equal("0.2.4", critical.GetProperty("fixed").GetString());
        Assert.Equal(["mkdirp>minimist"], critical.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));
        Assert.False(critical.GetProperty("dev").GetBoolean());
        Assert.True(findings[2].GetProperty("dev").GetBoolean());
        Assert.Equal(JsonValueKind.Null, findings[2].GetProperty("cvss").ValueKind);
        var counts = json.GetProperty("metadata").GetProperty("vulnerabilities");
        Assert.Equal((0, 1, 1, 0, 1, 3), (counts.GetProperty("info").GetInt32(), counts.GetProperty("low").GetInt32(),
            counts.GetProperty("moderate").GetInt32(), counts.GetProperty("high").GetInt32(),
            counts.GetProperty("critical").GetInt32(),
            counts.GetProperty("total").GetInt32()));
        Assert.Equal(5, json.GetProperty("metadata").GetProperty("packages").GetInt32());
    }

    [Fact]
    public async Task Audit_Json_KeepsTheDocumentedKeyOrder()
    {
        var result = await CliRunner.RunAsync("audit", SharedData.Lockfiles("npm-package-lock-v3"), "--json",
            "--database", database.Path);

        var json = result.Json();
        Assert.Equal(["lockfiles", "findings", "metadata", "errors"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["id", "aliases", "ecosystem", "package", "version", "severity", "cvss", "title", "vulnerable_versions",
                "fixed", "paths", "dev", "lockfiles"],
            json.GetProperty("findings")[0].EnumerateObject().Select(p => p.Name));
        var lockfile = json.GetProperty("lockfiles")[0];
        Assert.Equal(("package-lock.json", "package-lock.json v3"),
            (lockfile.GetProperty("path").GetString(), lockfile.GetProperty("format").GetString()));
    }

    [Theory]
    [InlineData("critical", 1)] // the critical finding is still there
    [InlineData("info", 1)]
    public async Task Audit_AuditLevel_FailsWhileAFindingReachesIt(string level, int expected)
    {
        var result = await CliRunner.RunAsync("audit", SharedData.Lockfiles("yarn-v1"), "--audit-level", level,
            "--database", database.Path);

        Assert.True(result.ExitCode == expected, result.ToString());
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("info", 1)]
    [InlineData("low", 1)]
    [InlineData("moderate", 1)]
    [InlineData("high", 0)]
    [InlineData("critical", 0)]
    public async Task Audit_AuditLevel_DecidesTheExitCodeLikeNpm(string? level, int expected)
    {
        // Only the moderate advisory: findings are moderate and low.
        using var temp = new TempDirectory();
        await CliRunner.RunAsync("import", Fixtures.Osv(Fixtures.Moderate), Fixtures.Osv(Fixtures.DevOnly),
            "--database", temp.Database);
        string[] levelArgs = level is null ? [] : ["--audit-level", level];

        var result = await CliRunner.RunAsync(
            ["audit", SharedData.Lockfiles("npm-package-lock-v3"), "--database", temp.Database, .. levelArgs]);

        Assert.True(result.ExitCode == expected, result.ToString());
        Assert.Contains("2 vulnerabilities (1 low, 1 moderate)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_OmitDev_DropsTheDevOnlyMinimist()
    {
        var result = await CliRunner.RunAsync("audit", SharedData.Lockfiles("npm-package-lock-v3"), "--omit", "dev",
            "--json", "--database", database.Path);

        var ids = result.Json().GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString())
            .ToList();
        Assert.Equal([Fixtures.Critical, Fixtures.Moderate], ids);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Audit_OmitDevAndOptional_AuditsOnlyProductionPackages()
    {
        var result = await CliRunner.RunAsync("audit", SharedData.Lockfiles("npm-package-lock-v3"), "--omit", "dev",
            "--omit", "optional", "--json", "--database", database.Path);

        Assert.Equal(1, result.ExitCode);
        // mkdirp, minimist 0.0.8, ms
        Assert.Equal(3, result.Json().GetProperty("metadata").GetProperty("packages").GetInt32());
    }

    [Fact]
    public async Task Audit_Table_ShowsEachFindingAndNpmsSummaryLine()
    {
        var result = await CliRunner.RunAsync("audit", SharedData.Lockfiles("npm-package-lock-v3"), "--database",
            database.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("GHSA-xvch-5gv4-984h (CVE-2021-44906)", result.Out, StringComparison.Ordinal);
        Assert.Contains("minimist@0.0.8", result.Out, StringComparison.Ordinal);
        Assert.Contains("minimist@1.2.8 (dev)", result.Out, StringComparison.Ordinal);
        Assert.Contains("mkdirp > minimist", result.Out, StringComparison.Ordinal);
        Assert.Contains("https://nvd.nist.gov/vuln/detail/CVE-2021-44906", result.Out, StringComparison.Ordinal);
        Assert.EndsWith("3 vulnerabilities (1 low, 1 moderate, 1 critical) in 5 packages from 1 lockfile\n", result.Out,
            StringComparison.Ordinal);
        Assert.True(
            result.Out.IndexOf("critical", StringComparison.Ordinal) < result.Out.IndexOf("moderate",
                StringComparison.Ordinal),
            "most severe first");
    }

    [Fact]
    public async Task Audit_Directory_AuditsEveryLockfileBelowIt()
    {
        var root = SharedData.Path("specs", "lockfiles");

        var result = await CliRunner.RunAsync("audit", root, "--json", "--database", database.Path);

        Assert.Equal(1, result.ExitCode);
        var json = result.Json();
        var lockfiles = json.GetProperty("lockfiles").EnumerateArray().Select(l => l.GetProperty("path").GetString())
            .ToList();
        Assert.Contains("npm-package-lock-v3/package-lock.json", lockfiles);
        Assert.Contains("yarn-berry/yarn.lock", lockfiles);
        var critical = json.GetProperty("findings")[0];
        Assert.Equal(Fixtures.Critical, critical.GetProperty("id").GetString());
        Assert.Contains("pnpm-9.15.9/pnpm-lock.yaml",
            critical.GetProperty("lockfiles").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task Audit_DirectoryWithoutLockfiles_ExitsTwoWithOneLine()
    {
        using var temp = new TempDirectory();
        temp.Write("src/index.js", "");

        var result = await CliRunner.RunAsync("audit", temp.Path, "--database", database.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"vigil: no lockfile found in {temp.Path} or below (looked for package-lock.json,",
            Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_MissingPath_ExitsTwo()
    {
        var result = await CliRunner.RunAsync("audit", "/no/such/project", "--database", database.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("vigil: /no/such/project: no such file or directory", Assert.Single(result.ErrLines));
    }

    [Fact]
    public async Task Audit_MalformedLockfile_PrintsFileLineAndReasonAndExitsTwo()
    {
        using var temp = new TempDirectory();
        var lockfile = temp.Write("package-lock.json", "{\n  \"lockfileVersion\": 3,\n  \"packages\": [\n");

        var result = await CliRunner.RunAsync("audit", lockfile, "--database", database.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(2, result.ErrLines.Length);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(lockfile)}:\\d+(:\\d+)?: .+",
            result.ErrLines[0]);
        Assert.Equal("vigil: the lockfile could not be read", result.ErrLines[1]);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Audit_OneMalformedLockfileAmongOthers_AuditsTheRestButExitsTwo()
    {
        using var temp = new TempDirectory();
        var sample = SharedData.Lockfiles("npm-package-lock-v3");
        File.Copy(Path.Combine(sample, "package-lock.json"), temp.Combine("package-lock.json"));
        File.Copy(Path.Combine(sample, "package.json"), temp.Combine("package.json"));
        temp.Write("broken/yarn.lock", "this is: [not a yarn lockfile\n");

        var result = await CliRunner.RunAsync("audit", temp.Path, "--json", "--database", database.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json();
        Assert.Equal(3, json.GetProperty("findings").GetArrayLength());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal("broken/yarn.lock", error.GetProperty("file").GetString());
        Assert.StartsWith(temp.Combine("broken", "yarn.lock") + ":", result.ErrLines[0], StringComparison.Ordinal);
        Assert.Equal("vigil: 1 of 2 lockfiles could not be read (above); the audit is incomplete", result.ErrLines[^1]);
    }

    [Fact]
    public async Task Audit_JsonAndSarifBothOnStdout_IsAUsageError()
    {
        var result = await CliRunner.RunAsync("audit", SharedData.Lockfiles("yarn-v1"), "--json", "--sarif",
            "--database", database.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("vigil: --json and --sarif both write to stdout; give --sarif a FILE",
            Assert.Single(result.ErrLines));
    }

    [Fact]
    public async Task Audit_EmptyDatabase_WarnsAndFindsNothing()
    {
        using var temp = new TempDirectory();

        var result = await CliRunner.RunAsync("audit", SharedData.Lockfiles("yarn-v1"), "--database", temp.Database);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("found 0 vulnerabilities in 5 packages from 1 lockfile\n", result.Out);
        Assert.Equal($"vigil: warning: SQLite {temp.Database} has no advisories yet; run 'vigil import' first",
            Assert.Single(result.ErrLines));
    }
}
