using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// Real yarn 4 (pinned in oracle/) installs mkdirp 0.5.1 → minimist 0.0.8 from a <see cref="TarballRegistry"/> on
/// loopback (writing a real berry yarn.lock), then runs `yarn npm audit --recursive --json` against Vigil in the three
/// set-ups docs/api.md describes: Vigil as <c>npmAuditRegistry</c> only, Vigil as the registry with
/// <c>--no-deprecations</c>, and Vigil as the registry with <c>Vigil:Npm:Upstream</c> passing packuments through.
/// yarn 4 posts to the bulk endpoint and, unless told not to, asks the registry for every audited package's packument.
/// </summary>
public class YarnAuditTests
{
    private const string Bulk = "POST /-/npm/v1/security/advisories/bulk";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task YarnAudit_VigilAsAuditRegistry_ReportsVigilsAdvisoriesForTheTransitivePackage(
        DatabaseProvider provider)
    {
        var yarn = PackageManager.Yarn4();
        await using var registry = await StartRegistryAsync();
        await using var vigil = await LoopbackVigil.StartAsync(provider);
        var project = await InstallAsync(yarn, vigil.Work, registry.Url);
        await WriteRcAsync(project, registry.Url, $"npmAuditRegistry: \"{vigil.Url}/\"");

        // Without --recursive yarn audits only the direct dependency (mkdirp), about which Vigil knows nothing.
        var direct = await RunAsync(yarn, project, vigil.Work, 0, "npm", "audit");
        Assert.Contains("No audit suggestions", direct);
        Assert.Equal([Bulk], vigil.Requests);

        vigil.Requests.Clear();
        var report = await RunAsync(yarn, project, vigil.Work, 1, "npm", "audit", "--recursive", "--json");

        await AssertVigilAdvisoriesAsync(vigil, report);
        // Packuments (for the deprecation check) came from npmRegistryServer, not from Vigil.
        Assert.Equal([Bulk], vigil.Requests);
    }

    [Fact]
    public async Task YarnAudit_VigilAsRegistryWithoutUpstream_NeedsNoDeprecations()
    {
        var yarn = PackageManager.Yarn4();
        await using var registry = await StartRegistryAsync();
        await using var vigil = await LoopbackVigil.StartAsync(DatabaseProvider.Sqlite);
        var project = await InstallAsync(yarn, vigil.Work, registry.Url);
        await WriteRcAsync(project, vigil.Url);

        var report = await RunAsync(yarn, project, vigil.Work, 1, "npm", "audit", "--recursive", "--json",
            "--no-deprecations");

        await AssertVigilAdvisoriesAsync(vigil, report);
        Assert.Equal([Bulk], vigil.Requests);

        // Without the flag yarn asks Vigil for the packuments, gets 404 and stops with an error instead of a report.
        vigil.Requests.Clear();
        var (exitCode, stdout, stderr) = await yarn.RunAsync(project, vigil.Work, "npm", "audit", "--recursive",
            "--json");
        Assert.True(exitCode == 1, $"yarn exited {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("404", stdout);
        Assert.DoesNotContain("/advisories/", stdout);
        Assert.Contains(Bulk, vigil.Requests);
        Assert.Contains(vigil.Requests, r => r is "GET /minimist" or "GET /mkdirp");
    }

    [Fact]
    public async Task YarnAudit_VigilAsRegistryWithUpstream_PassesPackumentsThroughAndReports()
    {
        var yarn = PackageManager.Yarn4();
        await using var registry = await StartRegistryAsync();
        await using var vigil = await LoopbackVigil.StartAsync(DatabaseProvider.Sqlite, upstream: registry.Url);
        var project = await InstallAsync(yarn, vigil.Work, registry.Url);
        await WriteRcAsync(project, vigil.Url);

        var report = await RunAsync(yarn, project, vigil.Work, 1, "npm", "audit", "--recursive", "--json");

        await AssertVigilAdvisoriesAsync(vigil, report);
        Assert.Equal(["GET /minimist", "GET /mkdirp", Bulk], vigil.Requests.Order(StringComparer.Ordinal));
    }

    private static Task<TarballRegistry> StartRegistryAsync() => TarballRegistry.StartAsync(
        new() { ["mkdirp"] = ["0.5.1"], ["minimist"] = ["0.0.8", "1.2.8"] }, WebTest.Ct,
        new() { ["mkdirp@0.5.1"] = new() { ["minimist"] = "0.0.8" } });

    /// <summary>A yarn 4 project depending on mkdirp 0.5.1, installed from the loopback registry.</summary>
    private static async Task<string> InstallAsync(PackageManager yarn, string work, string registry)
    {
        var project = Directory.CreateDirectory(Path.Combine(work, "project")).FullName;
        await File.WriteAllTextAsync(Path.Combine(project, "package.json"),
            """{"name":"yarn-audit","version":"1.0.0","private":true,"dependencies":{"mkdirp":"0.5.1"}}""", WebTest.Ct);
        await File.WriteAllTextAsync(Path.Combine(project, "yarn.lock"), "", WebTest.Ct);
        await WriteRcAsync(project, registry);
        await RunAsync(yarn, project, work, 0, "install", "--no-immutable");
        var lockfile = await File.ReadAllTextAsync(Path.Combine(project, "yarn.lock"), WebTest.Ct);
        Assert.Contains("__metadata:", lockfile);
        Assert.Contains("\"minimist@npm:0.0.8\":", lockfile);
        Assert.Contains("\"mkdirp@npm:0.5.1\":", lockfile);
        return project;
    }

    private static Task WriteRcAsync(string project, string registry, params string[] more) =>
        File.WriteAllLinesAsync(Path.Combine(project, ".yarnrc.yml"),
        [
            $"npmRegistryServer: \"{registry}/\"",
            "unsafeHttpWhitelist: [\"127.0.0.1\"]",
            "enableTelemetry: false",
            "enableGlobalCache: false",
            "enableScripts: false",
            "nodeLinker: node-modules",
            .. more,
        ], WebTest.Ct);

    private static async Task<string> RunAsync(PackageManager yarn, string project, string work, int expected,
        params string[] args)
    {
        var (exitCode, stdout, stderr) = await yarn.RunAsync(project, work, args);
        Assert.True(exitCode == expected,
            $"yarn {string.Join(' ', args)} exited {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        return stdout;
    }

    /// <summary>
    /// yarn's NDJSON report: one line per (package, advisory), the advisory as Vigil's bulk answer gave it, plus the
    /// versions in the tree it matched and their dependents.
    /// </summary>
    private static async Task AssertVigilAdvisoriesAsync(LoopbackVigil vigil, string ndjson)
    {
        var lines = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!)
            .ToList();
        var vh95 = await vigil.NpmIdAsync("GHSA-vh95-rmgr-6w4m", 0);
        var xvch = await vigil.NpmIdAsync("GHSA-xvch-5gv4-984h", 1);
        Assert.Equal(
            [
                (vh95, "minimist", "moderate", "<0.2.1", $"{vigil.Url}/advisories/GHSA-vh95-rmgr-6w4m"),
                (xvch, "minimist", "critical", "<0.2.4", $"{vigil.Url}/advisories/GHSA-xvch-5gv4-984h"),
            ],
            lines.Select(l => ((long)l["children"]!["ID"]!, (string)l["value"]!, (string)l["children"]!["Severity"]!,
                (string)l["children"]!["Vulnerable Versions"]!, (string)l["children"]!["URL"]!)).OrderBy(a => a.Item1));
        foreach (var line in lines)
        {
            Assert.Equal(["0.0.8"], line["children"]!["Tree Versions"]!.AsArray().Select(v => (string)v!));
            Assert.Equal(["mkdirp@npm:0.5.1"], line["children"]!["Dependents"]!.AsArray().Select(v => (string)v!));
        }
    }
}
