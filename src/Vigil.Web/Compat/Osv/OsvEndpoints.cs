using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Compat;

namespace Vigil.Web.Compat.Osv;

/// <summary>osv.dev's v1 API (shared/specs/osv.md § OSV API): query, querybatch, vulns/{id}.</summary>
public static class OsvEndpoints
{
    /// <summary>osv.dev's batch limit (query_affected.go L39).</summary>
    public const int MaxBatchQueries = 1000;

    /// <summary>osv.dev refuses longer ids (get_vuln_by_id.go).</summary>
    public const int MaxIdBytes = 1500;

    public static IEndpointRouteBuilder MapOsvEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("OSV");
        group.MapPost("/query", QueryAsync);
        group.MapPost("/querybatch", QueryBatchAsync);
        group.MapGet("/vulns/{id}", GetVulnAsync);
        group.MapGet("/vulns/", () => Error(OsvError.InvalidArgument, "ID is required"));
        return app;
    }

    public static async Task<Results<JsonHttpResult<OsvVulnList>, JsonHttpResult<OsvError>>> QueryAsync(HttpRequest request, QueryAffecting affecting, CancellationToken cancellationToken)
    {
        var (body, readError) = await ReadAsync<OsvQueryRequest>(request, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }
        if (!OsvQueryParser.TryParse(body, out var query, out var error))
        {
            return Error(OsvError.InvalidArgument, error!);
        }
        if (query is null)
        {
            return Ok(new OsvVulnList(null));
        }
        var matches = (await affecting.ExecuteAsync([query], cancellationToken))[0];
        var numbers = matches.Select(m => m.AdvisoryNumber).Distinct().ToList();
        var documents = await affecting.DocumentsAsync(numbers, cancellationToken);
        var vulns = numbers.Select(n => documents[n]).ToList();
        return Ok(new OsvVulnList(vulns.Count == 0 ? null : vulns));
    }

    public static async Task<Results<JsonHttpResult<OsvBatchResponse>, JsonHttpResult<OsvError>>> QueryBatchAsync(HttpRequest request, QueryAffecting affecting, CancellationToken cancellationToken)
    {
        var (body, readError) = await ReadAsync<OsvBatchRequest>(request, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }
        var requests = body?.Queries ?? [];
        if (requests.Count > MaxBatchQueries)
        {
            return Error(OsvError.InvalidArgument, "too many queries");
        }
        var queries = new List<PackageQuery?>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            // One bad query fails the whole batch, naming its index (osv.dev querybatch).
            if (!OsvQueryParser.TryParse(requests[i], out var query, out var error))
            {
                return Error(OsvError.InvalidArgument, $"error in query at index {i}: {error}");
            }
            queries.Add(query);
        }
        var answerable = queries.OfType<PackageQuery>().ToList();
        var matches = await affecting.ExecuteAsync(answerable, cancellationToken);
        var results = new List<OsvBatchResult>(queries.Count);
        var next = 0;
        foreach (var query in queries)
        {
            var refs = query is null ? [] : matches[next++]
                .DistinctBy(m => m.AdvisoryNumber)
                .Select(m => new OsvVulnRef(m.Id, m.Modified))
                .ToList();
            results.Add(new OsvBatchResult(refs.Count == 0 ? null : refs));
        }
        return Ok(new OsvBatchResponse(results.Count == 0 ? null : results));
    }

    /// <summary>Full OSV JSON by id or alias. Withdrawn entries are still served here (they carry <c>withdrawn</c>), as osv.dev does.</summary>
    public static async Task<Results<JsonHttpResult<OsvVulnerability>, JsonHttpResult<OsvError>>> GetVulnAsync(string id, GetAdvisory getAdvisory, CancellationToken cancellationToken)
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
        return Ok(advisory.Vulnerability);
    }

    private static async Task<(T? Body, JsonHttpResult<OsvError>? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
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
            return (null, TypedResults.Json(new OsvError(OsvError.InvalidArgument, exception.Message), OsvJson.Options, statusCode: exception.StatusCode));
        }
    }

    private static JsonHttpResult<T> Ok<T>(T value) => TypedResults.Json(value, OsvJson.Options);

    private static JsonHttpResult<OsvError> Error(int code, string message) =>
        TypedResults.Json(new OsvError(code, message), OsvJson.Options,
            statusCode: code == OsvError.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
}
