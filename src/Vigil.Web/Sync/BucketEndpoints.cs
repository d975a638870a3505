using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Vigil.Core.Sync;

namespace Vigil.Web.Sync;

/// <summary>
/// The rest of OSV's bucket layout under <c>/download</c> (the zips are in Pages/Download):
/// <c>/download/{ecosystem}/modified_id.csv</c> and <c>/download/{ecosystem}/{id}.json</c>, so one instance
/// can mirror another with <c>vigil sync {url}/download</c>. Public, like the zips: the advisory table
/// holds only published advisories. The listing answers 304 to a matching If-None-Match or an
/// If-Modified-Since not older than its newest record.
/// </summary>
public static class BucketEndpoints
{
    public static IEndpointRouteBuilder MapBucketEndpoints(this IEndpointRouteBuilder app)
    {
        var download = app.MapGroup("/download");
        download.MapGet("/{ecosystem}/modified_id.csv", ListingAsync);
        download.MapGet("/{ecosystem}/{id}.json", RecordAsync);
        return app;
    }

    private static async Task<IResult> ListingAsync(
        string ecosystem, ServeBucket bucket, HttpContext context, CancellationToken cancellationToken)
    {
        var info = await bucket.InfoAsync(ecosystem, cancellationToken);
        if (info.Count == 0)
        {
            return TypedResults.NotFound($"No advisory names a package in the ecosystem '{ecosystem}'.");
        }
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = EntityTagHeaderValue.Parse(info.ETag);
        var newest = info.Newest!.Value;
        headers.LastModified = newest;
        var request = context.Request.GetTypedHeaders();
        var etagMatches = request.IfNoneMatch.Any(tag => tag.Compare(headers.ETag, useStrongComparison: false));
        var notModifiedSince = request.IfNoneMatch.Count == 0 && request.IfModifiedSince is { } since
            && newest.UtcTicks - newest.UtcTicks % TimeSpan.TicksPerSecond <= since.UtcTicks;
        if (etagMatches || notModifiedSince)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Stream(
            body => bucket.WriteModifiedIdAsync(body, ecosystem, cancellationToken), "text/csv; charset=utf-8");
    }

    private static async Task<Results<ContentHttpResult, NotFound<string>>> RecordAsync(
        string ecosystem, string id, ServeBucket bucket, CancellationToken cancellationToken) =>
        await bucket.RecordAsync(ecosystem, id, cancellationToken) is { } json
            ? TypedResults.Content(json, "application/json; charset=utf-8")
            : TypedResults.NotFound($"No advisory {id} names a package in the ecosystem '{ecosystem}'.");
}
