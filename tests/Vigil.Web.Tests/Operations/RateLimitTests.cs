using System.Text.Json.Nodes;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

public class RateLimitTests
{
    private static readonly Dictionary<string, string> TwoPerMinute = new()
    {
        ["Vigil:RateLimit:PermitLimit"] = "2",
        ["Vigil:RateLimit:WindowSeconds"] = "60",
    };

    [Fact]
    public async Task Request_OverTheLimit_Answers429WithRetryAfterAndProblem()
    {
        await using var app = await ConfiguredApp.StartAsync(TwoPerMinute);

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await app.Client.GetAsync("/healthz", ConfiguredApp.Ct);
            Assert.Equal(200, (int)allowed.StatusCode);
        }
        using var refused = await app.Client.GetAsync("/healthz", ConfiguredApp.Ct);

        Assert.Equal(429, (int)refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync(ConfiguredApp.Ct))!;
        Assert.Equal(429, (int)problem["status"]!);
        Assert.Equal("Too Many Requests", (string?)problem["title"]);
        Assert.Contains("retry after", (string?)problem["detail"]);
    }

    [Fact]
    public async Task OsvRequest_OverTheLimit_Answers429InOsvShape()
    {
        await using var app = await ConfiguredApp.StartAsync(TwoPerMinute);

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await app.Client.GetAsync("/v1/vulns/GHSA-vh95-rmgr-6w4m", ConfiguredApp.Ct);
            Assert.Equal(200, (int)allowed.StatusCode);
        }
        using var refused = await app.Client.GetAsync("/v1/vulns/GHSA-vh95-rmgr-6w4m", ConfiguredApp.Ct);

        Assert.Equal(429, (int)refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync(ConfiguredApp.Ct))!;
        Assert.Equal(8, (int)error["code"]!); // RESOURCE_EXHAUSTED
    }

    [Fact]
    public async Task Request_DefaultLimit_DoesNotThrottleABurst()
    {
        await using var app = await ConfiguredApp.StartAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 300).Select(async _ =>
        {
            using var response = await app.Client.GetAsync("/v1/vulns/GHSA-vh95-rmgr-6w4m", ConfiguredApp.Ct);
            return (int)response.StatusCode;
        }));

        Assert.All(statuses, status => Assert.Equal(200, status));
    }
}
