using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.NuGet;

/// <summary>
/// How long the real <c>dotnet restore</c> keeps Vigil's vulnerability data: an advisory added after a first restore,
/// then restores with and without <c>--no-http-cache</c>, <c>--force</c> and a cleared http-cache, with the requests
/// Vigil saw each time (docs/nuget-audit.md states the outcome).
/// </summary>
public partial class DotnetRestoreAuditTests
{
    private const string VulnerabilityIndex = "/nuget/v3/vulnerabilities/index.json";
    private const string VulnerabilityPage = "/nuget/v3/vulnerabilities/all.json";

    [Fact]
    public async Task DotnetRestore_AdvisoryAddedLater_SeenOnlyAfterTheHttpCacheIsCleared()
    {
        var dotnet = DotnetCli.Find();
        if (dotnet is null)
        {
            Assert.Skip("dotnet is not on PATH; this test runs the real dotnet restore.");
        }
        var package = $"Vigil.AuditProbe{Guid.NewGuid():N}"[..28];
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await Advisories.SeedAsync(database.Target,
            [NuGetAdvisories.Make("VIGIL-NUGET-FIRST", package, "HIGH", "introduced:0")]);
        var requests = new ConcurrentQueue<string>();
        await using var app = VigilWebApp.Build(
            ["--urls", "http://127.0.0.1:0", $"--Vigil:Reports:MasterKey={Infrastructure.VigilFactory.MasterKey}"],
            database.Target,
            builder => builder.Services.AddSingleton<IStartupFilter>(new PathRecorder(requests)));
        await app.StartAsync(WebTest.Ct);
        var baseUrl = app.Urls.Single().TrimEnd('/');
        var work = Directory.CreateTempSubdirectory("vigil-nuget-cache-");
        try
        {
            var cli = new DotnetCli(dotnet!, work.FullName);
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "nuget.config"), NuGetConfig(feed, baseUrl),
                WebTest.Ct);
            await PackAsync(cli, work.FullName, package, feed, "1.0.0");
            WriteConsumer(work.FullName, "Vulnerable", package, "1.0.0");

            async Task<(string[] Advisories, string[] Requests)> RestoreAsync(params string[] options)
            {
                requests.Clear();
                var (exitCode, output) = await cli.RunAsync(work.FullName,
                    ["restore", "Consumers.slnx", "-nodeReuse:false", .. options]);
                Assert.True(exitCode == 0, $"dotnet restore {string.Join(' ', options)} exited {exitCode}\n{output}");
                Assert.DoesNotContain("NU1900", output, StringComparison.Ordinal);
                var advisories = AuditWarnings().Matches(output)
                    .Select(m => m.Groups["url"].Value[(baseUrl.Length + "/advisories/".Length)..])
                    .Distinct().Order(StringComparer.Ordinal).ToArray();
                return (advisories,
                    [.. requests.Where(r => r.StartsWith("/nuget/v3/vulnerabilities/", StringComparison.Ordinal))]);
            }

            Expect(["VIGIL-NUGET-FIRST"], [VulnerabilityIndex, VulnerabilityPage], await RestoreAsync());

            await Advisories.SeedAsync(database.Target,
                [NuGetAdvisories.Make("VIGIL-NUGET-LATER", package, "CRITICAL", "introduced:0")]);

            // A no-op restore replays the first restore's warnings without asking Vigil.
            Expect(["VIGIL-NUGET-FIRST"], [], await RestoreAsync());
            // --no-http-cache does not reach the audit: it reads the index and page from the http-cache.
            Expect(["VIGIL-NUGET-FIRST"], [], await RestoreAsync("--no-http-cache", "--force"));

            var (clearExit, clearOutput) = await cli.RunAsync(work.FullName, "nuget", "locals", "http-cache",
                "--clear");
            Assert.True(clearExit == 0, clearOutput);
            // With the cache cleared, a restore that is not a no-op fetches both again and sees the new advisory.
            Expect(["VIGIL-NUGET-FIRST", "VIGIL-NUGET-LATER"], [VulnerabilityIndex, VulnerabilityPage],
                await RestoreAsync("--force"));
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            work.Delete(recursive: true);
        }
    }

    private static void Expect(string[] advisories, string[] requests, (string[] Advisories, string[] Requests) restore)
    {
        Assert.Equal(advisories, restore.Advisories);
        Assert.Equal(requests, restore.Requests);
    }

    private sealed class PathRecorder(ConcurrentQueue<string> requests) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                requests.Enqueue(context.Request.Path);
                await following(context);
            });
            next(app);
        };
    }
}
