using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Vigil.Web.Compat.Osv;

namespace Vigil.Web.Operations;

/// <summary>
/// Adds to every operation of the OpenAPI document the errors the pipeline itself can answer (rate limit, server
/// error; body too large / wrong media type for operations with a body), unless the endpoint declared them.
/// OSV operations answer in osv.dev's error shape, all others with an RFC 9457 problem document.
/// </summary>
internal sealed class StandardErrorResponses : IOpenApiOperationTransformer
{
    public async Task TransformAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var osv = OsvProblemWriter.IsOsvPath("/" + context.Description.RelativePath);
        var schema = await context.GetOrCreateSchemaAsync(
            osv ? typeof(OsvError) : typeof(ProblemDetails), null, cancellationToken);
        var mediaType = osv ? "application/json" : "application/problem+json";
        operation.Responses ??= [];

        Add("429", "Too many requests from this client (Vigil:RateLimit); the Retry-After header says when to retry.");
        Add("500", "Unexpected server error; the body carries a trace id.");
        if (context.Description.HttpMethod is "POST" or "PUT" or "PATCH")
        {
            Add("400", "The body is not valid for this operation; the detail names what is wrong.");
            Add("413", "The body is larger than Vigil:Limits:MaxRequestBodyBytes, or than "
                + "Vigil:MaxDecompressedBodyBytes once decompressed.");
            Add("415", "The Content-Type or Content-Encoding is not accepted.");
        }

        void Add(string status, string description)
        {
            if (!operation.Responses.ContainsKey(status))
            {
                operation.Responses[status] = new OpenApiResponse
                {
                    Description = description,
                    Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = new() { Schema = schema } },
                };
            }
        }
    }
}
