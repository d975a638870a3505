using System.Buffers;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// npm's bulk answer, <c>{"name": [advisory, …], …}</c>, written straight to the response from
/// <see cref="BulkAnswer"/>'s parts. Described to OpenAPI as the typed shape.
/// </summary>
public sealed class BulkJsonResult(byte[][] parts) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        var body = httpContext.Response.BodyWriter;
        body.Write("{"u8);
        var first = true;
        long pending = 0;
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                continue;
            }
            if (!first)
            {
                body.Write(","u8);
            }
            first = false;
            body.Write(part);
            if ((pending += part.Length) > 32 * 1024)
            {
                pending = 0;
                await body.FlushAsync(httpContext.RequestAborted);
            }
        }
        body.Write("}"u8);
        await body.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(
            new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Dictionary<string, List<BulkAdvisory>>),
            ["application/json"]));
}
