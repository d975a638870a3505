using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Exports.Osv;

namespace Vigil.Web.Pages.Download;

/// <summary>
/// The whole database as OSV's bulk zip (<c>/download/all.zip</c>) and per ecosystem
/// (<c>/download/{ecosystem}/all.zip</c>), the layout of osv.dev's bucket. The zip is streamed as it is
/// written (<see cref="StreamOsvBulkZip"/>), so neither the database nor the zip is held in memory.
/// <c>/download/osv-offline.zip</c> is the offline database Renovate reads (<see cref="StreamOsvOfflineZip"/>).
/// </summary>
public static class DownloadEndpoints
{
    public static IEndpointRouteBuilder MapDownloadEndpoints(this IEndpointRouteBuilder app)
    {
        var download = app.MapGroup("/download");
        download.MapGet("/all.zip", AllAsync);
        download.MapGet("/osv-offline.zip", OfflineAsync);
        download.MapGet("/{ecosystem}/all.zip", EcosystemAsync);
        return app;
    }

    private static PushStreamHttpResult AllAsync(StreamOsvBulkZip zip, HttpContext context) =>
        Zip(zip, null, "all.zip", context.RequestAborted);

    private static PushStreamHttpResult OfflineAsync(StreamOsvOfflineZip zip, TimeProvider time, HttpContext context) =>
        TypedResults.Stream(
            async body => await zip.ExecuteAsync(body, time.GetUtcNow(), context.RequestAborted),
            "application/zip",
            "osv-offline.zip");

    private static async Task<Results<PushStreamHttpResult, NotFound<string>>> EcosystemAsync(
        string ecosystem, StreamOsvBulkZip zip, CancellationToken cancellationToken) =>
        await zip.HasEcosystemAsync(ecosystem, cancellationToken)
            ? Zip(zip, ecosystem, $"{ecosystem}-all.zip", cancellationToken)
            : TypedResults.NotFound($"No advisory names a package in the ecosystem '{ecosystem}'.");

    private static PushStreamHttpResult Zip(
        StreamOsvBulkZip zip, string? ecosystem, string fileName, CancellationToken cancellationToken) =>
        TypedResults.Stream(
            async body => await zip.ExecuteAsync(body, ecosystem, cancellationToken),
            "application/zip",
            fileName);
}
