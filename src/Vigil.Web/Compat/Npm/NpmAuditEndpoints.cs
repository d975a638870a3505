using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Vigil.Core.Compat;

namespace Vigil.Web.Compat.Npm;

/// <summary>npm audit's advisory endpoint (shared/specs/npm-audit.md §1-2), the only one npm ≥ 11 calls.</summary>
public static class NpmAuditEndpoints
{
    public static IEndpointRouteBuilder MapNpmAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/-/npm/v1/security").WithTags("npm");
        group.MapPost("/advisories/bulk", BulkAsync)
            // npm, yarn and pnpm send application/json; plain `curl -d` sends a form type. Other media types: 415.
            .Accepts<Dictionary<string, string[]>>(isOptional: true, "application/json", "application/x-www-form-urlencoded", "text/plain");
        return app;
    }

    public static async Task<Results<Ok<Dictionary<string, List<BulkAdvisory>>>, ProblemHttpResult>> BulkAsync(
        HttpRequest request, NpmBulkAdvisories bulk, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        var body = await BulkRequestReader.ReadAsync(request, options.Value.MaxDecompressedBodyBytes, cancellationToken);
        if (body.Packages is null)
        {
            return TypedResults.Problem(title: body.Status == StatusCodes.Status400BadRequest ? "Bad npm audit request" : null,
                detail: body.Error, statusCode: body.Status);
        }
        var advisories = await bulk.ExecuteAsync(body.Packages, cancellationToken);
        var baseUrl = PublicUrl.Of(request, options.Value);
        return TypedResults.Ok(advisories.ToDictionary(
            p => p.Key,
            p => p.Value.Select(a => BulkAdvisory.From(a, baseUrl)).ToList(),
            StringComparer.Ordinal));
    }
}

/// <summary>The seven fields npm reads (metavuln-calculator advisory.js L20-58), named as the registry names them.</summary>
public sealed record BulkAdvisory(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("vulnerable_versions")] string VulnerableVersions,
    [property: JsonPropertyName("cwe")] IReadOnlyList<string> Cwe,
    [property: JsonPropertyName("cvss")] BulkCvss Cvss)
{
    // url = this instance's advisory page, ending in the OSV id (pnpm 11 and others read the GHSA id from it).
    public static BulkAdvisory From(NpmBulkAdvisory advisory, string baseUrl) => new(
        advisory.Id, $"{baseUrl}/advisories/{Uri.EscapeDataString(advisory.OsvId)}", advisory.Title, advisory.Severity,
        advisory.VulnerableVersions, advisory.Cwe, new BulkCvss(advisory.CvssScore, advisory.CvssVector));
}

public sealed record BulkCvss(
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("vectorString")] string? VectorString);
