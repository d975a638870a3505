using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// docs/configuration.md, "Security headers": every answer — pages, API, errors, static files — carries them.
/// The routes come from the app's own endpoint list, so a new endpoint is swept without being named here.
/// </summary>
public partial class SecurityHeadersSweepTests
{
    private static readonly (string Name, string Value)[] Documented =
    [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ];

    [Fact]
    public async Task EveryRoute_EveryMethod_CarriesDocumentedHeaders()
    {
        await using var app = await ConfiguredApp.StartAsync();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .ToList();
        var requests = endpoints
            .SelectMany(
                e =>
                    (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]).Select(
                        m => (Method: m, Path: Path(e))))
            .Append(("GET", "/static/site.css")).Append(("GET", "/no/such/page")).Append(("GET", "/api/no-such-thing"))
            .Distinct().ToList();
        Assert.True(requests.Count > 50, $"only {requests.Count} routes found");

        var missing = new List<string>();
        foreach (var (method, path) in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }
            using var response = await app.Client.SendAsync(request, ConfiguredApp.Ct);
            foreach (var (name, value) in Documented)
            {
                if (Header(response, name) != value)
                {
                    missing.Add($"{method} {path} → {(int)response.StatusCode}: {name} is '{Header(response, name)}'");
                }
            }
            if (Header(response, "Content-Security-Policy") is not { } csp
                || !csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal)
                    && !csp.Contains("sandbox", StringComparison.Ordinal))
            {
                missing.Add(
                    $"{method} {path} → {(int)response.StatusCode}: Content-Security-Policy is "
                        + $"'{Header(response, "Content-Security-Policy")}'");
            }
            if (Header(response, "Permissions-Policy")?.Contains("camera=()", StringComparison.Ordinal) != true)
            {
                missing.Add($"{method} {path} → {(int)response.StatusCode}: no Permissions-Policy");
            }
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    /// <summary>The route with every parameter filled in ("1" suits ids, slugs and catch-alls alike).</summary>
    private static string Path(RouteEndpoint endpoint) =>
        "/" + Parameter().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), "1");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
