using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// Real pnpm 11 (calls the bulk endpoint, then asks for the packument), pnpm 10 (calls /audits/quick) and
/// pnpm 9 (calls /audits), pinned in oracle/, audit a real pnpm lockfile (v9 format: mkdirp 0.5.1 → minimist
/// 0.0.8, dev minimist 1.2.8; pnpm 11 its own lockfile of the same project) against Vigil on a loopback port
/// (docs/api.md). pnpm 11 needs Node ≥ 22.13: it runs on the Node 22 pinned in oracle/.
/// </summary>
public class PnpmAuditTests
{
    public static TheoryData<DatabaseProvider, string, string, string[], string[]> ProvidersAndPnpms()
    {
        var data = new TheoryData<DatabaseProvider, string, string, string[], string[]>();
        foreach (var provider in TestDatabase.Providers.Select(row => row.Data))
        {
            // pnpm 11 reads patched versions from the packument; Vigil answers 404 without an upstream and the
            // report still carries them (from the advisory's range).
            data.Add(provider, "pnpm 11", "pnpm-11.28.10", ["POST /-/npm/v1/security/advisories/bulk", "GET /minimist"],
                [".>mkdirp>minimist"]);
            data.Add(provider, "pnpm 10", "pnpm-9.15.9", ["POST /-/npm/v1/security/audits/quick"],
                [".>mkdirp>minimist"]);
            // pnpm 9 replaces each finding's paths with those it finds in node_modules (none: nothing is installed).
            data.Add(provider, "pnpm 9", "pnpm-9.15.9", ["POST /-/npm/v1/security/audits"], []);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ProvidersAndPnpms))]
    public async Task PnpmAudit_Lockfile_ReportsExactlyVigilsAdvisories(
        DatabaseProvider provider, string pnpmVersion, string lockfile, string[] requests, string[] paths)
    {
        var pnpm = PackageManager.ByLabel(pnpmVersion);
        await using var vigil = await LoopbackVigil.StartAsync(provider);
        var project = vigil.Project(lockfile, "package.json", "pnpm-lock.yaml");

        var (exitCode, stdout, stderr) = await pnpm.RunAsync(project, vigil.Work, "audit", "--json", "--registry",
            vigil.Url + "/");

        Assert.True(exitCode == 1, $"{pnpm.Label} exited {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Equal(requests, vigil.Requests);
        var report = JsonNode.Parse(stdout)!;
        var vh95 = await vigil.NpmIdAsync("GHSA-vh95-rmgr-6w4m", 0);
        var xvch = await vigil.NpmIdAsync("GHSA-xvch-5gv4-984h", 1);
        var advisories = report["advisories"]!.AsObject();
        Assert.Equal(new[] { vh95, xvch }.Order().Select(id => id.ToString()),
            advisories.Select(a => a.Key).Order(StringComparer.Ordinal));
        Assert.Equal(
            [(vh95, "minimist", "moderate", "<0.2.1", ">=0.2.1", "GHSA-vh95-rmgr-6w4m"),
                (xvch, "minimist", "critical", "<0.2.4", ">=0.2.4", "GHSA-xvch-5gv4-984h")],
            advisories.Select(a => a.Value!)
                .Select(a => ((long)a["id"]!, (string)a["module_name"]!, (string)a["severity"]!,
                (string)a["vulnerable_versions"]!, (string)a["patched_versions"]!, (string)a["github_advisory_id"]!))
                    .OrderBy(a => a.Item1));
        foreach (var advisory in advisories.Select(a => a.Value!))
        {
            var finding = Assert.Single(advisory["findings"]!.AsArray())!;
            Assert.Equal("0.0.8", (string?)finding["version"]);
            Assert.Equal(paths, finding["paths"]!.AsArray().Select(p => (string)p!));
        }
        Assert.Equal(JsonNode.Parse("""{"info":0,"low":0,"moderate":1,"high":0,"critical":1}"""),
            report["metadata"]!["vulnerabilities"], JsonNode.DeepEquals);
    }
}
