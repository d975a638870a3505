using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

public class RequestLoggingTests
{
    [Fact]
    public async Task Request_WithSecretsInQueryAndHeaders_LogsMethodPathStatusDurationButNoSecret()
    {
        var logs = new LogSink();
        await using var app = await ConfiguredApp.StartAsync(logs: logs);
        var request = new HttpRequestMessage(HttpMethod.Get,
            "/v1/vulns/GHSA-vh95-rmgr-6w4m?token=QUERY-SECRET-1&api_key=QUERY-SECRET-2");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "HEADER-SECRET-3");
        request.Headers.Add("Cookie", "session=COOKIE-SECRET-4");

        using var response = await app.Client.SendAsync(request, ConfiguredApp.Ct);
        using var notFound = await app.Client.GetAsync("/nothing?access_token=QUERY-SECRET-5", ConfiguredApp.Ct);

        Assert.Equal(200, (int)response.StatusCode);
        var requestLines = logs.Entries.Where(
            e => e.Category.StartsWith("Microsoft.AspNetCore.HttpLogging", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(requestLines,
            e => e.Text.Contains("/v1/vulns/GHSA-vh95-rmgr-6w4m", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("GET", line.Text);
        Assert.Contains("200", line.Text);
        Assert.Contains("Duration", line.Text);
        Assert.Single(requestLines,
            e =>
                e.Text.Contains("/nothing", StringComparison.Ordinal)
                    && e.Text.Contains("404", StringComparison.Ordinal));
        // Every entry at every level, from every category.
        Assert.True(logs.Entries.Count > requestLines.Count);
        Assert.All(logs.Entries, entry => Assert.DoesNotContain("SECRET", entry.Text));
    }
}
