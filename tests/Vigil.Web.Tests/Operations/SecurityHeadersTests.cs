using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

public class SecurityHeadersTests
{
    [Theory]
    [InlineData("/healthz", 200)]
    [InlineData("/v1/vulns/GHSA-vh95-rmgr-6w4m", 200)]
    [InlineData("/v1/vulns/GHSA-0000-0000-0000", 404)]
    [InlineData("/no/such/page", 404)]
    [InlineData("/openapi/v1.json", 200)]
    public async Task Response_AnyStatus_CarriesSecurityHeaders(string path, int status)
    {
        await using var app = await ConfiguredApp.StartAsync();

        using var response = await app.Client.GetAsync(path, ConfiguredApp.Ct);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
            Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // plain http
    }

    [Fact]
    public async Task Response_OverHttps_CarriesHsts()
    {
        await using var app = await ConfiguredApp.StartAsync(baseAddress: "https://vigil.example");

        using var response = await app.Client.GetAsync("/healthz", ConfiguredApp.Ct);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Header(response, "Strict-Transport-Security"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
