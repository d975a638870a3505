using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Matching;
using Vigil.Web.Operations;

namespace Vigil.Web.Compat.Osv;

/// <summary>osv.dev's v1 API (docs/api.md): query, querybatch, vulns/{id}.</summary>
public static class OsvEndpoints
{
    /// <summary>osv.dev's batch limit (query_affected.go L39).</summary>
    public const int MaxBatchQueries = 1000;

    /// <summary>osv.dev refuses longer ids (get_vuln_by_id.go).</summary>
    public const int MaxIdBytes = 1500;

    public static IEndpointRouteBuilder MapOsvEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("OSV");
        // osv.dev's own examples post with `curl -d` (form content type), so that and text/plain are accepted too;
        // any other media type answers 415 (routing checks this metadata).
        group.MapPost("/query", QueryAsync)
            .Accepts<OsvQueryRequest>(isOptional: true, "application/json", "application/x-www-form-urlencoded",
                "text/plain")
            .Produces<OsvVulnList>().Produces<OsvError>(StatusCodes.Status400BadRequest);
        group.MapPost("/querybatch", QueryBatchAsync)
            .Accepts<OsvBatchRequest>(isOptional: true, "application/json", "application/x-www-form-urlencoded",
                "text/plain")
            .Produces<OsvBatchResponse>().Produces<OsvError>(StatusCodes.Status400BadRequest);
        group.MapGet("/vulns/{id}", GetVulnAsync)
            .Produces<OsvVulnerability>().Produces(StatusCodes.Status304NotModified)
            .Produces<OsvError>(StatusCodes.Status400BadRequest).Produces<OsvError>(StatusCodes.Status404NotFound);
        group.MapGet("/vulns/", () => Error(OsvError.InvalidArgument, "ID is required"))
            .Produces<OsvError>(StatusCodes.Status400BadRequest);
        return app;
    }

    public static async Task<Results<JsonHttpResult<OsvVulnList>, JsonHttpResult<OsvError>>> QueryAsync(
        HttpRequest request, QueryAffecting affecting, OsvPageTokens tokens, IOptions<OsvApiOptions> options,
            IOptions<LimitsOptions> limits,
        CancellationToken cancellationToken)
    {
        var (body, readError) = await ReadAsync<OsvQueryRequest>(request, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }
        if (!OsvQueryParser.TryParse(body, limits.Value, out var query, out var error))
        {
            return Error(OsvError.InvalidArgument, error!);
        }
        if (query is null)
        {
            return Ok(new OsvVulnList(null));
        }
        if (!OsvPaging.TryStart(body, query, tokens, out var afterId))
        {
            return Error(OsvError.InvalidArgument, OsvPaging.InvalidToken);
        }
        var matches = (await affecting.ExecuteAsync([query], cancellationToken))[0];
        var page = OsvPaging.Take(query, matches, afterId, options.Value.QueryPageSize, tokens);
        var documents = await affecting.DocumentsAsync(page.Vulns.Select(m => m.AdvisoryNumber), cancellationToken);
        var vulns = page.Vulns.Select(m => documents[m.AdvisoryNumber]).ToList();
        return Ok(new OsvVulnList(vulns.Count == 0 ? null : vulns, page.NextPageToken));
    }

    public static async Task<Results<OsvBatchJsonResult, JsonHttpResult<OsvError>>> QueryBatchAsync(
        HttpRequest request, QueryAffecting affecting, OsvPageTokens tokens, IOptions<OsvApiOptions> options,
            IOptions<LimitsOptions> limits,
        CancellationToken cancellationToken)
    {
        var (body, readError) = await ReadBatchAsync(request, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }
        var requests = body?.Queries ?? [];
        if (requests.Count > MaxBatchQueries)
        {
            return Error(OsvError.InvalidArgument, "too many queries");
        }
        var queries = new List<(PackageQuery Query, string? AfterId)?>(requests.Count);
        var answerable = new List<PackageQuery>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // One bad query fails the whole batch, naming its index (osv.dev querybatch).
            if (!OsvQueryParser.TryParse(requests[i], limits.Value, out var query, out var error))
            {
                return Error(OsvError.InvalidArgument, $"error in query at index {i}: {error}");
            }
            string? afterId = null;
            if (query is not null && !OsvPaging.TryStart(requests[i], query, tokens, out afterId))
            {
                return Error(OsvError.InvalidArgument, $"error in query at index {i}: {OsvPaging.InvalidToken}");
            }
            queries.Add(query is null ? null : (query, afterId));
            if (query is not null)
            {
                answerable.Add(query);
            }
        }
        var matches = await affecting.ExecuteAsync(answerable, cancellationToken);
        var pages = new OsvPaging.Page?[queries.Count];
        var next = 0;
        for (var i = 0; i < pages.Length; i++)
        {
            if (queries[i] is { } q)
            {
                pages[i] = OsvPaging.Take(q.Query, matches[next++], q.AfterId, options.Value.BatchPageSize, tokens);
            }
        }
        return new OsvBatchJsonResult(pages);
    }

    /// <summary>
    /// Full OSV JSON by id or alias. Withdrawn entries are still served here (they carry <c>withdrawn</c>), as osv.dev
    /// does.
    /// </summary>
    /// Answers 304 to a client whose copy is current (ETag from the advisory's number and modified time; Last-Modified
    /// = modified).
    public static async Task<Results<JsonHttpResult<OsvVulnerability>, StatusCodeHttpResult, JsonHttpResult<OsvError>>>
        GetVulnAsync(
        string id, HttpContext context, GetAdvisory getAdvisory, CancellationToken cancellationToken)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(id) > MaxIdBytes)
        {
            return Error(OsvError.InvalidArgument, "ID is too long");
        }
        var advisory = await getAdvisory.ExecuteAsync(id, cancellationToken);
        if (advisory is null)
        {
            return Error(OsvError.NotFound, "Vulnerability not found");
        }
        var modified = advisory.Vulnerability.Modified;
        var etag = new EntityTagHeaderValue($"\"{advisory.Number}-{modified.UtcTicks}\"", isWeak: true);
        return ConditionalGet.IsNotModified(context, etag, modified)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : Ok(advisory.Vulnerability);
    }

    /// <summary>
    /// The batch body, read whole and parsed by <see cref="OsvBatchRequestReader"/>; errors as <see
    /// cref="ReadAsync{T}"/> gives them.
    /// </summary>
    private static async Task<(OsvBatchRequest? Body, JsonHttpResult<OsvError>? Error)> ReadBatchAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var (buffer, length) = await OsvBatchRequestReader.ReadBodyAsync(request, cancellationToken);
            try
            {
                return (OsvBatchRequestReader.Parse(buffer.AsSpan(0, length)), null);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (JsonException exception)
        {
            return (null, Error(OsvError.InvalidArgument, $"invalid JSON body: {exception.Message}"));
        }
        catch (BadHttpRequestException exception)
        {
            return (null,
                TypedResults.Json(new OsvError(OsvError.InvalidArgument, exception.Message), OsvJson.Options,
                statusCode: exception.StatusCode));
        }
    }

    private static async Task<(T? Body, JsonHttpResult<OsvError>? Error)> ReadAsync<T>(HttpRequest request,
        CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return (await JsonSerializer.DeserializeAsync<T>(request.Body, OsvJson.Options, cancellationToken), null);
        }
        catch (JsonException exception)
        {
            return (null, Error(OsvError.InvalidArgument, $"invalid JSON body: {exception.Message}"));
        }
        catch (BadHttpRequestException exception)
        {
            return (null,
                TypedResults.Json(new OsvError(OsvError.InvalidArgument, exception.Message), OsvJson.Options,
                statusCode: exception.StatusCode));
        }
    }

    private static JsonHttpResult<T> Ok<T>(T value) => TypedResults.Json(value, OsvJson.Options);

    private static JsonHttpResult<OsvError> Error(int code, string message) =>
        TypedResults.Json(new OsvError(code, message), OsvJson.Options,
            statusCode: code == OsvError.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
}
