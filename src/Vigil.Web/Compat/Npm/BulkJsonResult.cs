using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Vigil.Core.Compat;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// npm's bulk answer, <c>{"name": [advisory, …]}</c>, written straight to the response from
/// <see cref="BulkJsonCache"/>'s pre-rendered advisories. Described to OpenAPI as the typed shape.
/// </summary>
public sealed class BulkJsonResult(IReadOnlyDictionary<string, List<NpmBulkAdvisory>> advisories, string baseUrl, BulkJsonCache cache)
    : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartObject();
        foreach (var (name, list) in advisories)
        {
            writer.WritePropertyName(name);
            writer.WriteStartArray();
            foreach (var advisory in list)
            {
                writer.WriteRawValue(cache.Render(advisory, baseUrl).Span, skipInputValidation: true);
            }
            writer.WriteEndArray();
            if (writer.BytesPending > 32 * 1024)
            {
                await writer.FlushAsync(httpContext.RequestAborted);
            }
        }
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Dictionary<string, List<BulkAdvisory>>), ["application/json"]));
}
