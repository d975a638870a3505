using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Advisories;
using Vigil.Core.Publication;
using Vigil.Web.Accounts;
using Vigil.Web.Operations;
using Vigil.Web.Reports;

namespace Vigil.Web.Publication;

/// <summary>
/// The public search of advisories (docs/api.md, "Searching advisories"), and corrections of published
/// advisories (docs/publication.md, "Corrections"): the program's team revises one, anyone reads the revisions.
/// A caller who may not correct it gets 404, as for the report behind it.
/// </summary>
public static class AdvisoriesEndpoints
{
    public static IEndpointRouteBuilder MapAdvisoriesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/advisories").WithTags("Advisories");
        group.MapGet("", SearchAsync).RequireTokenScope(TokenScope.Public).ProducesValidationProblem();
        group.MapPost("/{id}/corrections", CorrectAsync).RequireTokenScope(TokenScope.Reports)
            .Accepts<CorrectionBody>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesValidationProblem();
        group.MapGet("/{id}/revisions", RevisionsAsync).RequireTokenScope(TokenScope.Public)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The public search, as the home page runs it: text, filters, sort and one page (docs/api.md).</summary>
    public static async Task<Ok<AdvisorySearchPage>> SearchAsync(
        HttpRequest request, SearchAdvisories search, CancellationToken cancellationToken)
    {
        var criteria = AdvisorySearchParameters.Read(request).ToSearch();
        return TypedResults.Ok(AdvisorySearchPage.From(await search.ExecuteAsync(criteria, cancellationToken)));
    }

    public static async Task<Ok<CorrectedAdvisory>> CorrectAsync(string id, CorrectionBody body, HttpContext context,
        CorrectAdvisory correct, CancellationToken cancellationToken) =>
        TypedResults.Ok(await correct.ExecuteAsync(id, ApiActor.From(context), body.ToCorrection(), cancellationToken));

    public static async Task<Results<Ok<IReadOnlyList<AdvisoryRevision>>, NotFound>> RevisionsAsync(string id,
        ListAdvisoryRevisions list, CancellationToken cancellationToken) =>
        await list.ExecuteAsync(id, cancellationToken) is { } revisions ? TypedResults.Ok(revisions)
            : TypedResults.NotFound();
}
