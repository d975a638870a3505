using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// Real pnpm 10 (audits/quick) and pnpm 11 (bulk, no upstream: Vigil answers its packument requests 404) act on
/// Vigil's answers: `--ignore-unfixable` ignores exactly the advisory with no fix, `--fix` writes overrides that
/// the next `pnpm install` can satisfy, and the audit is then clean. Packages come from a
/// <see cref="TarballRegistry"/> on loopback: fixme 1.0.0 (vulnerable, &lt;1.0.1) and 1.0.1; nofix 1.0.0
/// (the WG's "no fix" form: &lt;=99.999.99999, patched &lt;0.0.0, kept in the OSV record).
/// </summary>
public class PnpmAuditFixTests
{
    private const string FixableGhsa = "GHSA-f1xf-1xf1-xf1x";
    private const string UnfixableGhsa = "GHSA-n0f1-x0f1-x0f1";

    [Theory]
    // pnpm 10 ignores by CVE and exits 0 after ignoring; pnpm 11 ignores by GHSA id and exits 1 while fixme is still
    // vulnerable.
    [InlineData("pnpm 10", "--fix", "CVE-2099-1002", 0)]
    [InlineData("pnpm 11", "--fix=override", UnfixableGhsa, 1)]
    public async Task PnpmAudit_FixThenInstall_InstallsThePatchedVersionAndIgnoresOnlyTheUnfixable(string label,
        string fix, string ignoredId, int ignoreExit)
    {
        var pnpm = PackageManager.ByLabel(label);
        await using var registry = await TarballRegistry.StartAsync(
            new() { ["fixme"] = ["1.0.0", "1.0.1"], ["nofix"] = ["1.0.0"] }, WebTest.Ct);
        await using var vigil = await LoopbackVigil.StartAsync(DatabaseProvider.Sqlite, more: [Fixable(), Unfixable()]);
        var project = Directory.CreateDirectory(Path.Combine(vigil.Work, "project")).FullName;
        await File.WriteAllTextAsync(Path.Combine(project, "package.json"),
            """{"name":"fix-me","version":"1.0.0","private":true,"dependencies":{"fixme":"1.0.0","nofix":"1.0.0"}}""",
            WebTest.Ct);
        string[] install = ["install", "--registry", registry.Url + "/", "--no-frozen-lockfile"];
        await RunAsync(pnpm, project, vigil.Work, 0, install);

        var audit = await RunAsync(pnpm, project, vigil.Work, 1, "audit", "--json", "--registry", vigil.Url + "/");
        var patched = JsonNode.Parse(audit)!["advisories"]!.AsObject().Select(a => a.Value!)
            .ToDictionary(a => (string)a["module_name"]!, a => (string?)a["patched_versions"]);
        Assert.Equal(label == "pnpm 10" ? "<0.0.0" : null, patched["nofix"]);
        Assert.Equal(">=1.0.1", patched["fixme"]);

        await RunAsync(pnpm, project, vigil.Work, ignoreExit, "audit", "--ignore-unfixable", "--registry",
            vigil.Url + "/");
        var settings = await SettingsAsync(project);
        Assert.Contains(ignoredId, settings);
        Assert.DoesNotContain("CVE-2099-1001", settings);
        Assert.DoesNotContain(FixableGhsa, settings);

        await RunAsync(pnpm, project, vigil.Work, 0, "audit", fix, "--registry", vigil.Url + "/");
        settings = await SettingsAsync(project);
        Assert.Contains("fixme@<1.0.1", settings);
        Assert.DoesNotContain("nofix@", settings);
        await RunAsync(pnpm, project, vigil.Work, 0, install);

        var lockfile = await File.ReadAllTextAsync(Path.Combine(project, "pnpm-lock.yaml"), WebTest.Ct);
        Assert.Contains("fixme@1.0.1", lockfile);
        Assert.DoesNotContain("fixme@1.0.0", lockfile);
        await RunAsync(pnpm, project, vigil.Work, 0, "audit", "--registry", vigil.Url + "/");
    }

    private static async Task<string> RunAsync(PackageManager pnpm, string project, string work, int expected,
        params string[] args)
    {
        var (exitCode, stdout, stderr) = await pnpm.RunAsync(project, work, args);
        Assert.True(exitCode == expected,
            $"{pnpm.Label} {string.Join(' ', args)} exited {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        return stdout;
    }

    /// <summary>pnpm writes overrides and ignores to package.json or pnpm-workspace.yaml, by version.</summary>
    private static async Task<string> SettingsAsync(string project)
    {
        var workspace = Path.Combine(project, "pnpm-workspace.yaml");
        return await File.ReadAllTextAsync(Path.Combine(project, "package.json"), WebTest.Ct)
            + (File.Exists(workspace) ? await File.ReadAllTextAsync(workspace, WebTest.Ct) : "");
    }

    private static OsvVulnerability Fixable() => Advisory(FixableGhsa, "CVE-2099-1001", "fixme",
        [new() { Introduced = "0" }, new() { Fixed = "1.0.1" }], null);

    private static OsvVulnerability Unfixable() => Advisory(UnfixableGhsa, "CVE-2099-1002", "nofix",
        [new() { Introduced = "0" }, new() { LastAffected = "99.999.99999" }],
        new JsonObject { ["vulnerable_versions"] = "<=99.999.99999", ["patched_versions"] = "<0.0.0" });

    private static OsvVulnerability Advisory(string id, string cve, string name, List<OsvEventModel> events,
        JsonObject? kept) => new()
        {
            Id = id,
            Modified = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Aliases = [cve],
            Summary = $"Made-up {id}",
            DatabaseSpecific = new() { ["severity"] = "HIGH" },
            Affected =
        [
            new OsvAffected
            {
                Package = new OsvPackage { Ecosystem = "npm", Name = name },
                Ranges = [new OsvRangeModel { Type = "ECOSYSTEM", Events = events }],
                DatabaseSpecific = kept,
            },
        ],
        };
}
