using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Vigil.Core.Errors;
using Vigil.Core.Reports;
using Vigil.Web.Accounts;
using Vigil.Web.Compat;
using Vigil.Web.Operations;

namespace Vigil.Web.Reports;

/// <param name="Versions">
/// Optional: the versions covered per package name (<c>{"deep-merge": "1.4.0, 1.4.1"}</c>).
/// </param>
public sealed record DisputeBody(string? Justification, string? ImpactStatement, Dictionary<string, string>? Versions);

/// <param name="Decision"><c>accept</c> or <c>reject</c>.</param>
/// <param name="ImpactStatement">Optional, on accepting: the team's wording of the statement to publish.</param>
public sealed record DisputeDecisionBody(string? Decision, string? Reason, string? ImpactStatement);

public sealed record DisputeCreatedBody(long Id);

/// <summary>
/// Disputes (docs/disclosure.md, "Disputes"): an invited maintainer answers "not affected" with a VEX justification,
/// the team decides, and publishes an accepted dispute as an OpenVEX document. Token scopes and answers as every report
/// endpoint: 404 to a caller who may not see the report, 409 to a participant who may not take the step.
/// </summary>
public static class DisputesEndpoints
{
    public static IEndpointRouteBuilder MapDisputesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports/{id:long}/disputes").WithTags("Reports")
            .RequireTokenScope(TokenScope.Reports)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", async (long id, HttpContext context, GetReport get, CancellationToken ct) =>
            TypedResults.Ok((await get.ExecuteAsync(id, ApiActor.From(context), ct)).Disputes ?? []));
        group.MapPost("", OpenAsync).Accepts<DisputeBody>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();
        group.MapPost("/{disputeId:long}/decision", DecideAsync).Accepts<DisputeDecisionBody>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();
        group.MapPost("/{disputeId:long}/vex", PublishAsync)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Created<DisputeCreatedBody>> OpenAsync(long id, DisputeBody body, HttpContext context,
        DisputeReport dispute, CancellationToken cancellationToken)
    {
        var disputeId = await dispute.ExecuteAsync(id, ApiActor.From(context),
            new DisputeInput(body.Justification, body.ImpactStatement, body.Versions), cancellationToken);
        return TypedResults.Created($"/api/reports/{id}/disputes", new DisputeCreatedBody(disputeId));
    }

    public static async Task<NoContent> DecideAsync(long id, long disputeId, DisputeDecisionBody body,
        HttpContext context, DecideDispute decide, CancellationToken cancellationToken)
    {
        await decide.ExecuteAsync(id, disputeId, ApiActor.From(context), Accepts(body.Decision), body.Reason,
            body.ImpactStatement, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PublishedVex>> PublishAsync(long id, long disputeId, HttpContext context,
        PublishVex publish, IOptions<ServerOptions> server, CancellationToken cancellationToken) =>
        TypedResults.Ok(await publish.ExecuteAsync(id, disputeId, ApiActor.From(context),
            PublicUrl.Of(context.Request, server.Value), cancellationToken));

    /// <summary>The decision's word: <c>accept</c> or <c>reject</c>; anything else is a 400 naming the field.</summary>
    public static bool Accepts(string? decision) => decision?.Trim() switch
    {
        "accept" => true,
        "reject" => false,
        _ => throw new ValidationFailedException($"'{decision}' is not a decision.",
            new Dictionary<string, string[]> { ["decision"] = ["accept or reject."] }),
    };
}
