using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

/// <summary>The shipped log levels (no configuration at all) write one line per request, as docs/configuration.md
/// says.</summary>
public class RequestLogLinesTests
{
    public static TheoryData<string, string> Requests => new()
    {
        { "GET", "/" },
        { "GET", "/?q=minimist" },
        { "GET", "/advisories/GHSA-vh95-rmgr-6w4m" },
        { "GET", "/v1/vulns/GHSA-vh95-rmgr-6w4m" },
        { "POST", "/v1/query" },
        { "GET", "/reports/new" },
        { "GET", "/account/login" },
        { "GET", "/nothing-here" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Request_DefaultLogLevels_WritesOneLine(string method, string path)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await Advisories.SeedAsync(database.Target, Advisories.Examples());
        var logs = new LogSink();
        // The app's own rules only: the provider is added, no level is changed.
        await using var app = new VigilFactory(database.Target).WithWebHostBuilder(
            b => b.ConfigureLogging(l => l.AddProvider(logs)));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (await client.GetAsync("/health", WebTest.Ct))
        {
        }
        var before = logs.Entries.Count;

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("""{"package":{"name":"minimist","ecosystem":"npm"}}""",
                System.Text.Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request, WebTest.Ct);
        await response.Content.ReadAsStringAsync(WebTest.Ct);

        // Scopes are not lines (LogLevel.None); every entry at Information or above is.
        var lines = logs.Entries.Skip(before).Where(e => e.Level is >= LogLevel.Information and < LogLevel.None)
            .ToList();
        var line = Assert.Single(lines);
        Assert.StartsWith("Microsoft.AspNetCore.HttpLogging", line.Category);
        Assert.Contains(path.Split('?')[0], line.Text);
        Assert.Contains(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
            line.Text);
        // The console writes each entry on one line, the request line's fields included.
        var console = app.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>()
            .Get(ConsoleFormatterNames.Simple);
        Assert.True(console.SingleLine);
    }
}
