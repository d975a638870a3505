using System.Diagnostics;
using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// The acceptance test of the npm endpoints: the real npm CLI audits a real lockfile against Vigil on a
/// loopback Kestrel port, started through <see cref="VigilWebApp.Build"/> exactly as `vigil serve` will.
/// </summary>
public class NpmCliAuditTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NpmAudit_LockfileWithVulnerableMinimist_ReportsVigilAdvisories(DatabaseProvider provider)
    {
        var npm = FindOnPath("npm");
        if (npm is null)
        {
            Assert.Skip("npm is not on PATH; this test runs the real npm CLI.");
        }
        var lockfileDir = SharedData.Path("specs", "lockfiles", "npm-package-lock-v3");
        await using var database = await TestDatabase.CreateAsync(provider);
        await Advisories.SeedAsync(database.Target, Advisories.Examples());
        await using var app = VigilWebApp.Build(["--urls", "http://127.0.0.1:0"], database.Target);
        await app.StartAsync(WebTest.Ct);
        var baseUrl = app.Urls.Single().TrimEnd('/');
        var work = Directory.CreateTempSubdirectory("vigil-npm-audit-");
        try
        {
            var project = Directory.CreateDirectory(Path.Combine(work.FullName, "project")).FullName;
            File.Copy(Path.Combine(lockfileDir, "package.json"), Path.Combine(project, "package.json"));
            File.Copy(Path.Combine(lockfileDir, "package-lock.json"), Path.Combine(project, "package-lock.json"));
            var userConfig = Path.Combine(work.FullName, "npmrc");
            await File.WriteAllTextAsync(userConfig, "", WebTest.Ct);

            var (exitCode, stdout, stderr) = await RunAsync(npm, project, work.FullName,
                "audit", "--json", "--registry", baseUrl + "/", "--no-update-notifier", "--userconfig", userConfig);

            // shared/specs/npm-audit.md §5: exit 1 when anything is at or above the default audit level (low).
            Assert.True(exitCode == 1, $"npm exited {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
            var report = JsonNode.Parse(stdout)!;
            var minimist = report["vulnerabilities"]!["minimist"]!;
            Assert.Equal("critical", (string?)minimist["severity"]); // the worst of moderate (vh95) and critical (xvch)
            var via = minimist["via"]!.AsArray().OfType<JsonObject>().ToList();
            Assert.Equal(
                [($"{baseUrl}/advisories/GHSA-vh95-rmgr-6w4m", "moderate", "<0.2.1"), ($"{baseUrl}/advisories/GHSA-xvch-5gv4-984h", "critical", "<0.2.4")],
                via.Select(v => ((string)v["url"]!, (string)v["severity"]!, (string)v["range"]!)).OrderBy(v => v.Item1, StringComparer.Ordinal));
            Assert.All(via, v => Assert.Equal("Prototype Pollution in minimist", (string?)v["title"]));
            Assert.Contains("node_modules/mkdirp/node_modules/minimist", minimist["nodes"]!.AsArray().Select(n => (string?)n));
            Assert.True((int)report["metadata"]!["vulnerabilities"]!["critical"]! >= 1);
        }
        finally
        {
            work.Delete(recursive: true);
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, string directory, string work, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["npm_config_cache"] = Path.Combine(work, "cache");
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        foreach (var proxy in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "npm_config_proxy", "npm_config_https_proxy" })
        {
            start.Environment.Remove(proxy); // loopback only: a proxy must not see these requests
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(WebTest.Ct);
        var stderr = process.StandardError.ReadToEndAsync(WebTest.Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(WebTest.Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
