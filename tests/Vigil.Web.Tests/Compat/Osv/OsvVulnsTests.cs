using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Osv;

public class OsvVulnsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GetVuln_ById_ReturnsTheStoredOsvDocumentWithPurls(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);
        var stored = JsonNode.Parse(
            File.ReadAllText(SharedData.Path("specs", "osv", "examples", "GHSA-cm22-4g7w-348p.json")));
        // Stored as GitHub wrote it, without a purl; served with one.
        foreach (var affected in stored!["affected"]!.AsArray())
        {
            affected!["package"]!["purl"] = "pkg:npm/serve-static";
        }

        var (status, body) = await test.GetAsync("/v1/vulns/GHSA-cm22-4g7w-348p");

        Assert.Equal(200, status);
        Assert.Equal(stored, body, JsonNode.DeepEquals);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GetVuln_ByAlias_FindsTheEntry(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);

        var (status, body) = await test.GetAsync("/v1/vulns/CVE-2020-7598");

        Assert.Equal(200, status);
        Assert.Equal("GHSA-vh95-rmgr-6w4m", (string?)body!["id"]);
    }

    [Fact]
    public async Task GetVuln_Withdrawn_IsStillServedWithItsWithdrawnTime()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var (status, body) = await test.GetAsync("/v1/vulns/VIGIL-WITHDRAWN-1");

        Assert.Equal(200, status);
        Assert.Equal("2026-01-01T00:00:00Z", (string?)body!["withdrawn"]);
    }

    [Theory]
    [InlineData("GHSA-0000-0000-0000")]
    [InlineData("ghsa-vh95-rmgr-6w4m")] // ids are case-sensitive
    public async Task GetVuln_Unknown_Returns404Code5(string id)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var (status, body) = await test.GetAsync($"/v1/vulns/{id}");

        Assert.Equal(404, status);
        Assert.Equal(JsonNode.Parse("""{"code":5,"message":"Vulnerability not found"}"""), body, JsonNode.DeepEquals);
    }

    [Fact]
    public async Task GetVuln_IdTooLong_Returns400()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);

        var (status, body) = await test.GetAsync($"/v1/vulns/{new string('A', 1501)}");

        Assert.Equal(400, status);
        Assert.Equal(JsonNode.Parse("""{"code":3,"message":"ID is too long"}"""), body, JsonNode.DeepEquals);
    }

    [Fact]
    public async Task GetVuln_NoId_Returns400()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);

        var (status, body) = await test.GetAsync("/v1/vulns/");

        Assert.Equal(400, status);
        Assert.Equal(JsonNode.Parse("""{"code":3,"message":"ID is required"}"""), body, JsonNode.DeepEquals);
    }
}
