using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Vigil.Core.Npm;
using Vigil.Web.Operations;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// npm audit's advisory endpoints: the bulk one, the only one npm ≥ 11 calls (docs/api.md),
/// and the npm 6 report endpoints npm ≤ 10 falls back to and pnpm ≤ 10 call.
/// </summary>
public static class NpmAuditEndpoints
{

    public static IEndpointRouteBuilder MapNpmAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/-/npm/v1/security").WithTags("npm");
        // npm, pnpm and yarn send application/json (gzip'd by npm); other media types answer 415.
        group.MapPost("/advisories/bulk", BulkAsync).Accepts<Dictionary<string, string[]>>("application/json");
        // pnpm 10 tries /audits/quick then /audits; pnpm 8-9 and yarn 1 call /audits; npm 7-10 /audits/quick.
        group.MapPost("/audits/quick", AuditAsync).Accepts<JsonObject>("application/json");
        group.MapPost("/audits", AuditAsync).Accepts<JsonObject>("application/json");
        return app;
    }

    public static async Task<Results<BulkJsonResult, ProblemHttpResult>> BulkAsync(
        HttpRequest request, BulkAnswer answer, IOptions<ServerOptions> options, IOptions<LimitsOptions> limits,
            CancellationToken cancellationToken)
    {
        var body =
            await BulkRequestReader.ReadAsync(request, options.Value.MaxDecompressedBodyBytes, limits.Value,
                cancellationToken);
        if (body.Packages is null)
        {
            return TypedResults.Problem(title: "Bad npm audit request", detail: body.Error, statusCode: body.Status);
        }
        return new BulkJsonResult(
            await answer.PartsAsync(body.Packages, PublicUrl.Of(request, options.Value), cancellationToken));
    }

    public static async Task<Results<Ok<AuditReport>, ProblemHttpResult>> AuditAsync(
        HttpRequest request, NpmAuditReport audit, IOptions<ServerOptions> options, IOptions<LimitsOptions> limits,
            CancellationToken cancellationToken)
    {
        var body = await NpmRequestBody.ReadAsync(request, options.Value.MaxDecompressedBodyBytes, cancellationToken);
        if (body.Bytes is null)
        {
            return TypedResults.Problem(title: "Bad npm audit request", detail: body.Error, statusCode: body.Status);
        }
        var tree = AuditTreeReader.Parse(body.Bytes, limits.Value, cancellationToken);
        if (tree.Tree is null)
        {
            return TypedResults.Problem(title: "Bad npm audit request", detail: tree.Error, statusCode: tree.Status);
        }
        var result = await audit.ExecuteAsync(tree.Tree, cancellationToken);
        return TypedResults.Ok(AuditReport.From(result, PublicUrl.Of(request, options.Value)));
    }
}

/// <summary>
/// The seven fields npm reads (metavuln-calculator advisory.js L20-58), named as the registry names them.
/// </summary>
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
