using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Web.Tests.Compat.Npm;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Osv;

/// <summary>
/// <c>/download/osv-offline.zip</c> read by the real <c>@renovatebot/osv-offline</c> (pinned in
/// tests/Vigil.Web.Tests/oracle), run on the oracle's Node 22 as Renovate needs (Node ≥ 22.12).
/// </summary>
public class OsvOfflineTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OsvOffline_DownloadsVigilDatabase_FindsItsAdvisories(DatabaseProvider provider)
    {
        var (node, script) = Oracle();
        await using var vigil = await LoopbackVigil.StartAsync(provider);
        await Infrastructure.Advisories.SeedAsync(vigil.Target,
            [Infrastructure.Advisories.Made("GHSA-5crp-9r3c-p9vr", "NuGet", "Newtonsoft.Json", "0", "13.0.1")]);

        var start = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false
        };
        start.ArgumentList.Add(script);
        foreach (var query in new[] { "npm/minimist", "npm/@cypress/request", "NuGet/Newtonsoft.Json",
            "npm/no-such-package" })
        {
            start.ArgumentList.Add(query);
        }
        start.Environment["OSV_OFFLINE_DATABASE_URL"] = vigil.Url + "/download/osv-offline.zip";
        start.Environment["OSV_OFFLINE_ROOT_DIR"] = Path.Combine(vigil.Work, "osv-offline");
        foreach (var proxy in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy" })
        {
            start.Environment.Remove(proxy);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(WebTest.Ct);
        var stderr = process.StandardError.ReadToEndAsync(WebTest.Ct);
        await process.WaitForExitAsync(WebTest.Ct);

        Assert.True(process.ExitCode == 0, await stderr);
        var found = JsonNode.Parse(await stdout)!.AsObject();
        string[] Ids(string key) => [.. found[key]!.AsArray().Select(v => (string)v!)];
        // stored without purls: they get them when served
        Assert.Equal(["GHSA-vh95-rmgr-6w4m", "GHSA-xvch-5gv4-984h"], Ids("npm/minimist"));
        // matched by its purl pkg:npm/%40cypress/request
        Assert.Equal(["GHSA-p8p7-x288-28g6"], Ids("npm/@cypress/request"));
        Assert.Equal(["GHSA-5crp-9r3c-p9vr"], Ids("NuGet/Newtonsoft.Json"));
        Assert.Empty(Ids("npm/no-such-package"));
    }

    [Fact]
    public async Task Download_OsvOfflineZip_OneDocumentALinePerEcosystemFile()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        using var response = await test.Client.GetAsync("/download/osv-offline.zip", WebTest.Ct);

        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(WebTest.Ct));
        Assert.Equal(
            ["crates.io.nedb", "go.nedb", "hackage.nedb", "hex.nedb", "maven.nedb", "npm.nedb", "nuget.nedb",
                "packagist.nedb", "pub.nedb", "pypi.nedb", "rubygems.nedb"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var reader = new StreamReader(zip.GetEntry("npm.nedb")!.Open());
        var text = await reader.ReadToEndAsync(WebTest.Ct);
        Assert.False(text.StartsWith('\uFEFF'));
        Assert.DoesNotContain('\r', text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines,
            line =>
                Assert.All(JsonNode.Parse(line)!["affected"]!.AsArray(),
                    a => Assert.StartsWith("pkg:", (string)a!["package"]!["purl"]!)));
        Assert.DoesNotContain(lines, l => l.Contains("VIGIL-WITHDRAWN-1", StringComparison.Ordinal));
    }

    private static (string Node, string Script) Oracle()
    {
        var oracle = NodeOracles.Directory(
            "Vigil.Web.Tests", "node_modules", "@renovatebot", "osv-offline", "package.json");
        if (oracle is not null
            && Path.Combine(oracle, "node_modules", "node22", "bin", "node") is var node
            && File.Exists(node))
        {
            return (node, Path.Combine(oracle, "osv-offline-query.mjs"));
        }
        Assert.Skip("@renovatebot/osv-offline or Node 22 (linux-x64) is not installed: "
            + $"{NodeOracles.InstallHint("Vigil.Web.Tests")}.");
        return default;
    }
}
