using System.Net;
using System.Text.RegularExpressions;
using Vigil.Cli.Tests.Infrastructure;
using Vigil.Core.Data;
using Vigil.Testing;
using Vigil.Web;

namespace Vigil.Cli.Tests;

/// <summary>
/// The README's "Use" section, run as written: its <c>vigil</c> commands on a fresh database (the WG import
/// reads the real Node.js Security WG data; paths the README leaves to the reader point into a temporary
/// folder), then every site path it names is asked of the server it describes.
/// </summary>
public partial class ReadmeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readme_UseSection_CommandsSucceedAndExampleUrlsAnswer()
    {
        var wg = SharedData.NodejsWgVuln();
        var use = UseSection();
        using var temp = new TempDirectory();
        var commands = use.Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith("vigil ", StringComparison.Ordinal))
            .Select(l => Regex.Replace(l, @"\s+#.*$", "")).ToList();
        Assert.Contains(commands, c => c.StartsWith("vigil import path/to/security-wg/vuln", StringComparison.Ordinal));

        var ran = 0;
        foreach (var command in commands)
        {
            if (Skipped(command) is { } why)
            {
                Assert.False(string.IsNullOrEmpty(why));
                continue;
            }
            var args = Words(command.Replace("path/to/security-wg/vuln", wg, StringComparison.Ordinal)).Skip(1)
                .Select(a => a.StartsWith("out/", StringComparison.Ordinal) ? temp.Combine(a) : a).ToList();
            var result = await CliRunner.RunAsync([.. args, "--database", temp.Database], cancellationToken: Ct);
            Assert.True(result.ExitCode == 0, $"{command}\n{result}");
            ran++;
        }
        Assert.True(ran >= 6, $"only {ran} README commands ran");

        var paths = SitePath().Matches(use).Select(m => m.Groups["path"].Value).Distinct().ToList();
        Assert.Contains("/advisories/CVE-2014-7205", paths);
        await using var app = VigilWebApp.Build(["--urls", "http://127.0.0.1:0"], DatabaseTarget.Sqlite(temp.Database));
        await app.StartAsync(Ct);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(app.Urls.First())
        };
        foreach (var path in paths)
        {
            using var response = await http.GetAsync(path, Ct);
            var status = (int)response.StatusCode;
            if (TeamOnly().IsMatch(path))
            {
                // The README sends the team there after signing in; a stranger is told nothing exists.
                Assert.True(status == 404, $"GET {path} answered {status} to a stranger");
                continue;
            }
            Assert.True(status is 200 or 302, $"GET {path} answered {status}");
            if (response.Headers.Location is { } location && path.StartsWith("/advisories/", StringComparison.Ordinal))
            {
                using var target = await http.GetAsync(location, Ct);
                Assert.Equal(HttpStatusCode.OK, target.StatusCode);
            }
        }
        await app.StopAsync(Ct);
    }

    /// <summary>Commands the test cannot run as written, and why; every other README command runs.</summary>
    private static string? Skipped(string command) => command switch
    {
        _ when command.StartsWith("vigil serve", StringComparison.Ordinal) =>
            "the server is started in-process on a free port below",
        _ when command.StartsWith("vigil import all.zip", StringComparison.Ordinal) =>
            "the README's OSV zip is the reader's own file",
        _ when command.StartsWith("vigil audit", StringComparison.Ordinal) =>
            "path/to/project is the reader's own project (the audit has its own tests)",
        _ when command.Contains("ada@example.org", StringComparison.Ordinal) =>
            "Ada registers through the web pages first (AdminCommandTests)",
        _ => null,
    };

    private static string UseSection()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "README.md"));
        var start = readme.IndexOf("## Use", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return readme[start..end];
    }


    /// <summary>Shell words: spaces split, double quotes group.</summary>
    private static IEnumerable<string> Words(string line) =>
        ShellWord().Matches(line).Select(m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Value);

    /// <summary>A program team's own pages: private, so 404 to anyone not on the team.</summary>
    [GeneratedRegex("^/programs/[^/]+/queue$")]
    private static partial Regex TeamOnly();

    [GeneratedRegex("\"(?<quoted>[^\"]*)\"|\\S+")]
    private static partial Regex ShellWord();

    /// <summary>A site path the README names: after a space, "(" or the example host.</summary>
    [GeneratedRegex(
        @"(?:[\s(]|localhost:8080)(?<path>/(?:advisories|reports|account|programs|packages|feeds|download)/[^\s),;]*)")]
    private static partial Regex SitePath();
}
