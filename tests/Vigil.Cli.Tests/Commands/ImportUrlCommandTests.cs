using System.Net;
using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests.Commands;

/// <summary><c>vigil import URL</c> against an HttpListener on loopback (the download's faults are covered by the Core
/// tests).</summary>
public sealed class ImportUrlCommandTests
{
    [Fact]
    public async Task Import_Url_DownloadsAndStoresTheDocument()
    {
        using var temp = new TempDirectory();
        using var server = Serve(File.ReadAllBytes(Fixtures.Osv("GHSA-vh95-rmgr-6w4m")), out var url);

        var result = await CliRunner.RunAsync("import", url + "GHSA-vh95-rmgr-6w4m.json", "--database", temp.Database);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("1 added, 0 updated, 0 unchanged in SQLite " + temp.Database, result.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UrlAnsweringNotFound_ExitsOneNamingTheUrl()
    {
        using var temp = new TempDirectory();
        using var server = Serve(null, out var url);

        var result = await CliRunner.RunAsync("import", url + "gone.json", "--database", temp.Database);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(url + "gone.json: the server answered 404", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UrlInAScript_ShowsNoProgress()
    {
        using var temp = new TempDirectory();
        using var server = Serve(ZipOfFixtures(), out var url);

        var result = await CliRunner.RunAsync("import", url + "all.zip", "--database", temp.Database);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Err);
        Assert.DoesNotContain("importing", result.Out, StringComparison.Ordinal);
        Assert.Contains("3 added, 0 updated, 0 unchanged", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UrlWithProgress_ShowsBytesAndRecordsOnStderr()
    {
        using var temp = new TempDirectory();
        var zip = ZipOfFixtures();
        using var server = Serve(zip, out var url);

        var result = await CliRunner.RunAsync("import", url + "all.zip", "--database", temp.Database, "--progress");

        Assert.True(result.ExitCode == 0, result.ToString());
        var megabytes = (zip.Length / 1048576.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [
                $"downloading {url}all.zip", $"{megabytes} of {megabytes} MB",
                $"importing {url}all.zip", "3 of 3 records",
            ],
            result.ErrLines);
        Assert.DoesNotContain("importing", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UrlWithStderrATerminal_RedrawsOneLinePerStep()
    {
        using var temp = new TempDirectory();
        using var server = Serve(ZipOfFixtures(), out var url);

        var result = await CliRunner.RunAsync(
            ["import", url + "all.zip", "--database", temp.Database], errorIsTerminal: true);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"\rdownloading {url}all.zip: ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith($"\rimporting {url}all.zip: 3 of 3 records\u001b[K", lines[1], StringComparison.Ordinal);
    }

    /// <summary>The three OSV fixtures in a zip, as a bucket's all.zip holds them.</summary>
    private static byte[] ZipOfFixtures()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create))
        {
            foreach (var file in Directory.GetFiles(Fixtures.OsvDirectory, "*.json"))
            {
                var entry = zip.CreateEntry(Path.GetFileName(file));
                using var stream = entry.Open();
                stream.Write(File.ReadAllBytes(file));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Answers every request with <paramref name="body"/> (404 when null), on the first free port of 18200-18299.
    /// </summary>
    private static HttpListener Serve(byte[]? body, out string url)
    {
        for (var port = 18200; port < 18300; port++)
        {
            var listener = new HttpListener();
            listener.Prefixes.Add(url = $"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
            }
            catch (HttpListenerException)
            {
                listener.Close();
                continue;
            }
            _ = AnswerAsync(listener, body);
            return listener;
        }
        throw new InvalidOperationException("no free port in 18200-18299");
    }

    private static async Task AnswerAsync(HttpListener listener, byte[]? body)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            context.Response.StatusCode = body is null ? 404 : 200;
            if (body is not null)
            {
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
            }
            context.Response.Close();
        }
    }
}
