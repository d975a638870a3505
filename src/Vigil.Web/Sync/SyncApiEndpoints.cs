using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Sync;
using Vigil.Web.Accounts;
using Vigil.Web.Operations;

namespace Vigil.Web.Sync;

/// <summary>
/// <c>GET /api/sync</c>: per source and ecosystem, the last run, the last success, the counts and the error.
/// A token with the admin scope of an instance administrator; anyone else gets 404.
/// </summary>
public static class SyncApiEndpoints
{
    public static IEndpointRouteBuilder MapSyncApiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/sync").WithTags("Sync").RequireTokenScope(TokenScope.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .MapGet("", StatusAsync);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<SyncStatusView>>> StatusAsync(
        HttpContext context, GetSyncStatus status, CancellationToken cancellationToken) =>
        TypedResults.Ok(await status.ExecuteAsync(ApiActor.From(context), cancellationToken));
}
