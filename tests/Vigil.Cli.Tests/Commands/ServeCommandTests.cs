using System.Net;
using System.Net.Sockets;
using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests.Commands;

public class ServeCommandTests(AdvisoryDatabase database)
{
    [Fact]
    public async Task Serve_ImportedDatabase_AnswersHealthAndOsvQueriesUntilCancelled()
    {
        var port = FreePort();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = CliRunner.RunAsync(["serve", "--database", database.Path, "--urls", $"http://127.0.0.1:{port}"], cancellationToken: stop.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var health = await WaitForHealthAsync(http, run);
        using var query = await http.PostAsync("/v1/query",
            new StringContent("""{"package":{"ecosystem":"npm","name":"minimist"},"version":"0.0.8"}"""), TestContext.Current.CancellationToken);
        var body = await query.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var result = await run;

        Assert.Equal(HttpStatusCode.OK, health);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Contains("GHSA-xvch-5gv4-984h", body, StringComparison.Ordinal);
        Assert.Contains($"vigil serve: SQLite {database.Path}", result.Out, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> WaitForHealthAsync(HttpClient http, Task<CliResult> run)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (run.IsCompleted)
            {
                Assert.Fail("vigil serve stopped early: " + await run);
            }
            try
            {
                using var response = await http.GetAsync("/healthz", TestContext.Current.CancellationToken);
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
        throw new TimeoutException("vigil serve did not answer /healthz within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
