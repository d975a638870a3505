using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

public class OpenApiDocumentTests
{
    [Fact]
    public async Task Document_Served_IsValidOpenApi3()
    {
        var document = await ReadAsync();

        Assert.Equal("3", document.Version[..1]);
        Assert.Empty(document.Errors);
    }

    [Theory]
    [InlineData("/v1/query", "post")]
    [InlineData("/v1/querybatch", "post")]
    [InlineData("/v1/vulns/{id}", "get")]
    [InlineData("/-/npm/v1/security/advisories/bulk", "post")]
    [InlineData("/healthz", "get")]
    public async Task Document_KnownRoute_IsDescribedWithItsErrors(string path, string method)
    {
        var (document, _) = await ReadDocumentAsync();

        var operation = Operation(document, path, method);
        Assert.Contains("200", operation.Responses!.Keys);
        Assert.Contains("429", operation.Responses.Keys);
        Assert.Contains("500", operation.Responses.Keys);
        if (method == "post")
        {
            Assert.Contains("400", operation.Responses.Keys);
            Assert.Contains("413", operation.Responses.Keys);
            Assert.Contains("415", operation.Responses.Keys);
            Assert.NotNull(operation.RequestBody);
        }
        var errorMediaType = path.StartsWith("/v1/", StringComparison.Ordinal) ? "application/json"
            : "application/problem+json";
        Assert.Contains(errorMediaType, operation.Responses["429"].Content!.Keys);
    }

    [Fact]
    public async Task Document_EveryMappedEndpoint_IsListed()
    {
        var (document, mapped) = await ReadDocumentAsync();
        var endpoints = mapped.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .ToList();

        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var path = PathOf(endpoint.RoutePattern);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                Operation(document, path, method.ToLowerInvariant());
            }
        }
    }

    private static OpenApiOperation Operation(OpenApiDocument document, string path, string method)
    {
        var item = document.Paths.FirstOrDefault(p => p.Key.TrimEnd('/') == path.TrimEnd('/')).Value;
        Assert.True(item is not null,
            $"{path} is missing from the OpenAPI document; it has {string.Join(", ", document.Paths.Keys)}");
        var operation = item.Operations?.FirstOrDefault(
            o => string.Equals(o.Key.ToString(), method, StringComparison.OrdinalIgnoreCase)).Value;
        Assert.True(operation is not null, $"{method} {path} is missing from the OpenAPI document");
        return operation;
    }

    // "/v1/vulns/{id}", with constraints dropped, as OpenAPI writes a path template.
    private static string PathOf(RoutePattern pattern) => "/" + string.Join('/', pattern.PathSegments.Select(segment =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    private sealed record Parsed(string Version, IReadOnlyList<string> Errors);

    private static async Task<Parsed> ReadAsync()
    {
        await using var app = await ConfiguredApp.StartAsync();
        var json = await app.Client.GetStringAsync("/openapi/v1.json", ConfiguredApp.Ct);
        var result = OpenApiDocument.Parse(json, OpenApiConstants.Json);
        Assert.NotNull(result.Document);
        return new Parsed(result.Diagnostic!.SpecificationVersion.ToString().Replace("OpenApi", "").Replace('_', '.'),
            result.Diagnostic.Errors.Select(e => e.ToString()).ToList());
    }

    private static async Task<(OpenApiDocument Document, IReadOnlyList<Endpoint> Endpoints)> ReadDocumentAsync()
    {
        await using var app = await ConfiguredApp.StartAsync();
        var json = await app.Client.GetStringAsync("/openapi/v1.json", ConfiguredApp.Ct);
        var result = OpenApiDocument.Parse(json, OpenApiConstants.Json);
        Assert.Empty(result.Diagnostic!.Errors);
        return (result.Document!, app.Services.GetRequiredService<EndpointDataSource>().Endpoints.ToList());
    }
}
