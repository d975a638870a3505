using System.Net;
using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests.Commands;

public class ServeCommandTests(AdvisoryDatabase database)
{
    [Fact]
    public async Task Serve_ImportedDatabase_AnswersHealthAndOsvQueriesUntilCancelled()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var output = new ListeningWriter();
        // Port 0: the server binds any free port and prints it, so no other process can take it in between.
        var run = CliRunner.RunAsync(["serve", "--database", database.Path, "--urls", "http://127.0.0.1:0"],
            cancellationToken: stop.Token, output: output);
        var address = await Task.WhenAny(output.Listening, run) == output.Listening
            ? await output.Listening
            : throw new InvalidOperationException("vigil serve stopped early: " + await run);
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        using var health = await http.GetAsync("/healthz", TestContext.Current.CancellationToken);
        using var query = await http.PostAsync("/v1/query",
            new StringContent("""{"package":{"ecosystem":"npm","name":"minimist"},"version":"0.0.8"}"""),
            TestContext.Current.CancellationToken);
        var body = await query.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var result = await run;

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Contains("GHSA-xvch-5gv4-984h", body, StringComparison.Ordinal);
        Assert.Contains($"vigil serve: SQLite {database.Path}", result.Out, StringComparison.Ordinal);
    }

    /// <summary>Standard output that reports the address from the server's "listening on" line.</summary>
    private sealed class ListeningWriter : StringWriter
    {
        private const string Prefix = "vigil serve: listening on ";
        private readonly TaskCompletionSource<string> _listening = new(
            TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Listening => _listening.Task;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith(Prefix, StringComparison.Ordinal) == true)
            {
                _listening.TrySetResult(value[Prefix.Length..].Split(' ')[0]);
            }
        }
    }
}
