using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Data;

namespace Vigil.Web.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", CheckAsync);
        return app;
    }

    /// <summary>
    /// 200 when the database answers, 503 otherwise (for load balancers and `vigil serve` smoke checks).
    /// </summary>
    public static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> CheckAsync(
        VigilDbContext db, CancellationToken cancellationToken)
    {
        bool healthy;
        try
        {
            healthy = await db.Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            healthy = false; // some providers throw instead of answering false
        }
        return healthy
            ? TypedResults.Ok(new HealthStatus("healthy"))
            : TypedResults.Json(new HealthStatus("unhealthy"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record HealthStatus(string Status);
