using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

public class ConditionalGetTests
{
    private const string Vuln = "/v1/vulns/GHSA-vh95-rmgr-6w4m"; // modified 2022-04-26T21:01:40Z

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GetVuln_Fresh_CarriesETagAndLastModified(DatabaseProvider provider)
    {
        await using var app = await ConfiguredApp.StartAsync(provider: provider);

        using var response = await app.Client.GetAsync(Vuln, ConfiguredApp.Ct);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(response.Headers.ETag?.IsWeak);
        Assert.Equal(new DateTimeOffset(2022, 4, 26, 21, 1, 40, TimeSpan.Zero), response.Content.Headers.LastModified);
    }

    [Theory]
    [InlineData("etag", null, 304)]
    [InlineData("*", null, 304)]
    [InlineData("W/\"other\"", null, 200)]
    [InlineData(null, "2022-04-26T21:01:40Z", 304)]
    [InlineData(null, "2023-01-01T00:00:00Z", 304)]
    [InlineData(null, "2022-04-26T21:01:39Z", 200)]
    [InlineData("W/\"other\"", "2023-01-01T00:00:00Z", 200)] // If-None-Match wins (RFC 9110 § 13.2.2)
    public async Task GetVuln_Conditional_AnswersNotModifiedOnlyWhenCurrent(string? ifNoneMatch,
        string? ifModifiedSince, int expected)
    {
        await using var app = await ConfiguredApp.StartAsync();
        using var first = await app.Client.GetAsync(Vuln, ConfiguredApp.Ct);
        var request = new HttpRequestMessage(HttpMethod.Get, Vuln);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(
                ifNoneMatch == "etag" ? first.Headers.ETag! : ifNoneMatch == "*" ? EntityTagHeaderValue.Any
                    : EntityTagHeaderValue.Parse(ifNoneMatch));
        }
        if (ifModifiedSince is not null)
        {
            request.Headers.IfModifiedSince = DateTimeOffset.Parse(ifModifiedSince,
                System.Globalization.CultureInfo.InvariantCulture);
        }

        using var response = await app.Client.SendAsync(request, ConfiguredApp.Ct);

        Assert.Equal(expected, (int)response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(ConfiguredApp.Ct);
        if (expected == 304)
        {
            Assert.Empty(body);
            Assert.Equal(first.Headers.ETag, response.Headers.ETag);
        }
        else
        {
            Assert.Contains("GHSA-vh95-rmgr-6w4m", body);
        }
    }

    [Fact]
    public async Task GetVuln_AdvisoryModified_OldETagNoLongerMatches()
    {
        var made = Advisories.Made("VIGIL-2026-1", "npm", "left-pad", "0", "1.3.0");
        await using var app = await ConfiguredApp.StartAsync(seed: [made]);
        using var first = await app.Client.GetAsync("/v1/vulns/VIGIL-2026-1", ConfiguredApp.Ct);
        var changed = Advisories.Made("VIGIL-2026-1", "npm", "left-pad", "0", "1.3.1");
        changed.Modified = made.Modified.AddHours(1);
        await Advisories.SeedAsync(app.Services.GetRequiredService<DatabaseTarget>(), [changed]);
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/vulns/VIGIL-2026-1");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await app.Client.SendAsync(request, ConfiguredApp.Ct);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.NotEqual(first.Headers.ETag, response.Headers.ETag);
    }
}
