using Vigil.Web.Accounts;
using Vigil.Core.Hacktivity;

namespace Vigil.Web.Hacktivity;

/// <summary>
/// Public, read-only (docs/bounties.md): a program's published reports, the public timeline of one, and the
/// reporters' leaderboard. Built from published advisories only; see <see cref="ListHacktivity"/>.
/// </summary>
public static class HacktivityEndpoints
{
    public static IEndpointRouteBuilder MapHacktivityEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/programs/{slug}")
            .WithTags("Hacktivity")
            .RequireTokenScope(TokenScope.Public)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        api.MapGet("/hacktivity", async (string slug, int? page, ListHacktivity list, CancellationToken ct) =>
            TypedResults.Ok(await list.ExecuteAsync(slug, page ?? 1, ct)));
        api.MapGet("/hacktivity/{advisoryId}", async (string slug, string advisoryId, GetPublicTimeline get,
            CancellationToken ct) =>
            TypedResults.Ok(await get.ExecuteAsync(slug, advisoryId, ct)));
        api.MapGet("/leaderboard", async (string slug, string? period, GetLeaderboard get, CancellationToken ct) =>
            TypedResults.Ok(await get.ExecuteAsync(slug, period, ct)));
        return app;
    }
}
