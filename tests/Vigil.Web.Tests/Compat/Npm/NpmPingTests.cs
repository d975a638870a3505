using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// <c>GET /-/ping</c>: `npm ping --registry &lt;vigil&gt;` (npm-registry-fetch, lib/utils/ping.js) succeeds with the
/// real npm 11 and npm 10, without a token.
/// </summary>
public class NpmPingTests
{
    [Theory]
    [InlineData("npm 11")]
    [InlineData("npm 10")]
    public async Task NpmPing_RealClient_Succeeds(string npmVersion)
    {
        var npm = PackageManager.ByLabel(npmVersion);
        await using var vigil = await LoopbackVigil.StartAsync(DatabaseProvider.Sqlite);

        var (exitCode, stdout, stderr) = await npm.RunAsync(vigil.Work, vigil.Work, "ping", "--json", "--registry",
            vigil.Url + "/");

        Assert.True(exitCode == 0, $"{npm.Label} exited {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Equal(["GET /-/ping"], vigil.Requests);
        // npm prints what the registry answered as "details".
        Assert.Equal(new JsonObject(), JsonNode.Parse(stdout)!["details"], JsonNode.DeepEquals);
    }

    [Fact]
    public async Task Ping_Anonymous_AnswersAnEmptyObject()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);

        var (status, body) = await test.GetAsync("/-/ping");

        Assert.Equal(200, status);
        Assert.Equal(new JsonObject(), body, JsonNode.DeepEquals);
    }
}
