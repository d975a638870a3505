using System.Net;
using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Core.Imports;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Nswg;

/// <summary><c>GET /vuln/core/index.json</c>: the Node.js Security WG core list, from the imported NSWG-COR-n
/// advisories.</summary>
public class NodejsCoreListTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CoreIndex_WgDataImported_IsJsonEqualToTheOriginal(DatabaseProvider provider)
    {
        var vuln = SharedData.Path("data", "nodejs-security-wg", "vuln");
        if (!Directory.Exists(vuln))
        {
            Assert.Skip($"The Node.js Security WG data ({vuln}) is absent; this test imports it.");
        }
        await using var test = await WebTest.StartAsync(provider, seed: false);
        await using (var db = test.OpenDatabase())
        {
            var summary = await new ImportAdvisories(db, TimeProvider.System, ImportOptions.Default)
                .ExecuteAsync([vuln], cancellationToken: WebTest.Ct);
            Assert.True(summary.Added > 0, string.Join("\n", summary.Problems));
        }
        var original = JsonNode.Parse(
            await File.ReadAllTextAsync(Path.Combine(vuln, "core", "index.json"), WebTest.Ct));

        using var response = await test.Client.GetAsync("/vuln/core/index.json", WebTest.Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync(WebTest.Ct));
        Assert.True(original!.AsObject().Count > 0);
        Assert.Equal(original, served, JsonNode.DeepEquals);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
    }

    [Fact]
    public async Task CoreIndex_NoRuntimeAdvisories_IsAnEmptyObject()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite); // npm and PyPI advisories only

        var (status, body) = await test.GetAsync("/vuln/core/index.json");

        Assert.Equal(200, status);
        Assert.Equal(new JsonObject(), body, JsonNode.DeepEquals);
    }

    [Fact]
    public async Task CoreIndex_IfNoneMatch_Returns304()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);
        using var first = await test.Client.GetAsync("/vuln/core/index.json", WebTest.Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/vuln/core/index.json");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var again = await test.Client.SendAsync(request, WebTest.Ct);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }
}
