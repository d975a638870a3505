using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Publication;
using Vigil.Web.Accounts;
using Vigil.Web.Operations;
using Vigil.Web.Reports;

namespace Vigil.Web.Publication;

/// <summary>
/// Corrections of published advisories (docs/publication.md, "Corrections"): the program's team revises one,
/// anyone reads the revisions. A caller who may not correct it gets 404, as for the report behind it.
/// </summary>
public static class AdvisoriesEndpoints
{
    public static IEndpointRouteBuilder MapAdvisoriesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/advisories").WithTags("Advisories");
        group.MapPost("/{id}/corrections", CorrectAsync).RequireTokenScope(TokenScope.Reports).Accepts<CorrectionBody>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();
        group.MapGet("/{id}/revisions", RevisionsAsync).RequireTokenScope(TokenScope.Public).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<CorrectedAdvisory>> CorrectAsync(string id, CorrectionBody body, HttpContext context, CorrectAdvisory correct, CancellationToken cancellationToken) =>
        TypedResults.Ok(await correct.ExecuteAsync(id, ApiActor.From(context), body.ToCorrection(), cancellationToken));

    public static async Task<Results<Ok<IReadOnlyList<AdvisoryRevision>>, NotFound>> RevisionsAsync(string id, ListAdvisoryRevisions list, CancellationToken cancellationToken) =>
        await list.ExecuteAsync(id, cancellationToken) is { } revisions ? TypedResults.Ok(revisions) : TypedResults.NotFound();
}
