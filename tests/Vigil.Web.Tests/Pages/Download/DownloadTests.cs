using System.IO.Compression;
using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Download;

public class DownloadTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DownloadAll_IsOsvBulkZipOfEveryAdvisory(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);

        using var response = await test.Client.GetAsync("/download/all.zip", WebTest.Ct);
        await using var body = await response.Content.ReadAsStreamAsync(WebTest.Ct);
        using var zip = new ZipArchive(body, ZipArchiveMode.Read);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("all.zip", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(
            ["GHSA-35jh-r3h4-6jhm.json", "GHSA-cm22-4g7w-348p.json", "GHSA-p8p7-x288-28g6.json",
                "GHSA-vh95-rmgr-6w4m.json", "GHSA-xvch-5gv4-984h.json",
             "PYSEC-2026-1.json", "VIGIL-NOSEV-1.json", "VIGIL-WITHDRAWN-1.json"],
            zip.Entries.Select(e => e.FullName));
        await using var entry = await zip.GetEntry("GHSA-cm22-4g7w-348p.json")!.OpenAsync(WebTest.Ct);
        var stored = JsonNode.Parse(
            File.ReadAllText(SharedData.Path("specs", "osv", "examples", "GHSA-cm22-4g7w-348p.json")));
        // Stored as GitHub wrote it, without a purl; served with one.
        foreach (var affected in stored!["affected"]!.AsArray())
        {
            affected!["package"]!["purl"] = "pkg:npm/serve-static";
        }
        Assert.Equal(stored, JsonNode.Parse(entry), JsonNode.DeepEquals);
    }

    [Fact]
    public async Task DownloadEcosystem_HasOnlyThatEcosystem()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        using var response = await test.Client.GetAsync("/download/PyPI/all.zip", WebTest.Ct);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(WebTest.Ct), ZipArchiveMode.Read);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(["PYSEC-2026-1.json"], zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public async Task DownloadEcosystem_Unknown_Returns404NamingIt()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        using var response = await test.Client.GetAsync("/download/Nope/all.zip", WebTest.Ct);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Contains("'Nope'", await response.Content.ReadAsStringAsync(WebTest.Ct));
    }
}
