using System.Text.Json;
using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests.Commands;

public sealed class AuditSarifTests(AdvisoryDatabase database)
{
    [Fact]
    public async Task Sarif_File_IsValidAgainstTheSarif210Schema()
    {
        using var temp = new TempDirectory();
        var sarif = temp.Combine("audit.sarif");
        await CliRunner.RunAsync("audit", SharedData.Lockfiles("npm-package-lock-v3"), "--sarif", sarif, "--database",
            database.Path);

        var (valid, output) = await SarifOracle.ValidateAsync(sarif);

        Assert.True(valid, output);
    }

    [Fact]
    public async Task Sarif_WithErrors_IsValidAgainstTheSarif210Schema()
    {
        using var temp = new TempDirectory();
        File.Copy(Path.Combine(SharedData.Lockfiles("yarn-v1"), "yarn.lock"), temp.Combine("yarn.lock"));
        temp.Write("broken/package-lock.json", "{");
        var sarif = temp.Combine("audit.sarif");
        await CliRunner.RunAsync("audit", temp.Path, "--sarif", sarif, "--database", database.Path);

        var (valid, output) = await SarifOracle.ValidateAsync(sarif);

        Assert.True(valid, output);
    }

    [Fact]
    public async Task Sarif_File_HasARulePerAdvisoryAndAResultPerFindingAtTheLockfile()
    {
        using var temp = new TempDirectory();
        var sarifFile = temp.Combine("audit.sarif");

        var result = await CliRunner.RunAsync("audit", SharedData.Lockfiles("npm-package-lock-v3"), "--sarif",
            sarifFile, "--database", database.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("3 vulnerabilities", result.Out, StringComparison.Ordinal); // the table still goes to stdout
        var log = JsonDocument.Parse(File.ReadAllText(sarifFile)).RootElement;
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        var run = log.GetProperty("runs")[0];
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("vigil", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal([Fixtures.Critical, Fixtures.Moderate, Fixtures.DevOnly],
            rules.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("9.8", rules[0].GetProperty("properties").GetProperty("security-severity").GetString());
        Assert.Equal("2.0", rules[2].GetProperty("properties").GetProperty("security-severity").GetString());
        Assert.Contains("security",
            rules[0].GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("https://nvd.nist.gov/vuln/detail/CVE-2021-44906", rules[0].GetProperty("helpUri").GetString());
        Assert.Equal("Prototype Pollution in minimist",
            rules[0].GetProperty("shortDescription").GetProperty("text").GetString());

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(
            [(Fixtures.Critical, 0, "error"), (Fixtures.Moderate, 1, "warning"), (Fixtures.DevOnly, 2, "note")],
            results.Select(
                r =>
                    (r.GetProperty("ruleId").GetString(), r.GetProperty("ruleIndex").GetInt32(),
                        r.GetProperty("level").GetString())));
        var location = results[0].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("package-lock.json", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(1, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.StartsWith("minimist@0.0.8 is affected by GHSA-xvch-5gv4-984h (CVE-2021-44906)",
            results[0].GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var fingerprints = results.Select(
            r => r.GetProperty("partialFingerprints").GetProperty("vigilFinding/v1").GetString()).ToList();
        Assert.Equal(3, fingerprints.Distinct().Count());
        Assert.True(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public async Task Sarif_SameAuditTwice_GivesTheSameFingerprints()
    {
        var first = await CliRunner.RunAsync("audit", SharedData.Lockfiles("yarn-berry"), "--sarif", "--database",
            database.Path);
        var second = await CliRunner.RunAsync("audit", SharedData.Lockfiles("yarn-berry"), "--sarif", "-", "--database",
            database.Path);

        Assert.Equal(first.Out, second.Out);
        Assert.Equal(JsonValueKind.Object, first.Json().ValueKind); // stdout holds the SARIF log alone
    }

    [Fact]
    public async Task Sarif_DirectoryAudit_LocatesResultsRelativeToPath()
    {
        var root = SharedData.Path("specs", "lockfiles");

        var result = await CliRunner.RunAsync("audit", root, "--sarif", "--database", database.Path);

        var uris = result.Json().GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(
                r =>
                    r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation")
                        .GetProperty("uri").GetString())
            .ToHashSet();
        Assert.Contains("npm-package-lock-v1/package-lock.json", uris);
        Assert.Contains("pnpm-11.28.10/pnpm-lock.yaml", uris);
        Assert.DoesNotContain(uris, uri => uri!.StartsWith('/'));
    }

    [Fact]
    public async Task Sarif_UnreadableLockfile_IsAnErrorNotificationAndTheRunIsMarkedUnsuccessful()
    {
        using var temp = new TempDirectory();
        File.Copy(Path.Combine(SharedData.Lockfiles("yarn-v1"), "yarn.lock"), temp.Combine("yarn.lock"));
        temp.Write("broken/package-lock.json", "{");

        var result = await CliRunner.RunAsync("audit", temp.Path, "--sarif", "--database", database.Path);

        Assert.Equal(2, result.ExitCode);
        var invocation = result.Json().GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notification = Assert.Single(
            invocation.GetProperty("toolExecutionNotifications").EnumerateArray().ToList());
        Assert.Equal("broken/package-lock.json",
            notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation")
                .GetProperty("uri").GetString());
    }
}
