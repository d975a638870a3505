using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Vigil.Core.Data;
using Vigil.Core.NuGet;

namespace Vigil.Web.Compat.NuGet;

/// <summary>
/// A NuGet V3 service index whose only resource is VulnerabilityInfo/6.7.0, so Vigil can be listed under
/// <c>&lt;auditSources&gt;</c> in nuget.config and <c>dotnet restore</c> checks packages against it
/// (NU1901–NU1904 warnings). It serves no packages.
/// </summary>
public static class NuGetEndpoints
{
    public const string ServiceIndexPath = "/nuget/v3/index.json";
    public const string VulnerabilitiesPath = "/nuget/v3/vulnerabilities";
    public const string VulnerabilityInfoType = "VulnerabilityInfo/6.7.0";

    public static IEndpointRouteBuilder MapNuGetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ServiceIndexPath, ServiceIndex).WithTags("NuGet");
        var group = app.MapGroup(VulnerabilitiesPath).WithTags("NuGet");
        group.MapGet("/index.json", VulnerabilityIndexAsync);
        group.MapGet($"/{NuGetVulnerabilityFeed.PageName}.json", VulnerabilityPageAsync);
        return app;
    }

    public static Ok<ServiceIndex> ServiceIndex(HttpRequest request, IOptions<ServerOptions> options)
    {
        var baseUrl = PublicUrl.Of(request, options.Value);
        return TypedResults.Ok(new ServiceIndex("3.0.0",
            [
                new ServiceResource($"{baseUrl}{VulnerabilitiesPath}/index.json", VulnerabilityInfoType,
                    "Vigil's advisories for NuGet packages"),
            ]));
    }

    public static async Task<FileContentHttpResult> VulnerabilityIndexAsync(
        HttpRequest request, IOptions<ServerOptions> options, VigilDbContext db, NuGetVulnerabilities vulnerabilities,
        DerivedDocumentCache cache, CancellationToken cancellationToken)
    {
        var baseUrl = PublicUrl.Of(request, options.Value);
        var feed = await FeedAsync(baseUrl, db, vulnerabilities, cache, cancellationToken);
        return feed.Index(baseUrl).ToResult(request.HttpContext.Response);
    }

    public static async Task<FileContentHttpResult> VulnerabilityPageAsync(
        HttpRequest request, IOptions<ServerOptions> options, VigilDbContext db, NuGetVulnerabilities vulnerabilities,
        DerivedDocumentCache cache, CancellationToken cancellationToken)
    {
        var feed = await FeedAsync(
            PublicUrl.Of(request, options.Value), db, vulnerabilities, cache, cancellationToken);
        return feed.Page.ToResult(request.HttpContext.Response);
    }

    private static Task<NuGetVulnerabilityFeed> FeedAsync(string baseUrl, VigilDbContext db,
        NuGetVulnerabilities vulnerabilities, DerivedDocumentCache cache, CancellationToken cancellationToken) =>
        cache.GetAsync("nuget", baseUrl, db,
            async ct => NuGetVulnerabilityFeed.Build(await vulnerabilities.ExecuteAsync(ct), baseUrl),
            cancellationToken);
}

/// <summary>NuGet server API "Service index": a version and the resources the server offers.</summary>
public sealed record ServiceIndex(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("resources")] IReadOnlyList<ServiceResource> Resources);

public sealed record ServiceResource(
    [property: JsonPropertyName("@id")] string Id,
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("comment")] string Comment);
