using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Errors;
using Vigil.Core.Vex;
using Vigil.Web.Accounts;

namespace Vigil.Web.Vex;

/// <summary>
/// The published OpenVEX documents (docs/api.md, "VEX documents"): each at its stable address <c>/vex/{id}.json</c>
/// (<c>application/json</c>), 404 until the team publishes it; and their list under <c>/api/vex</c>, for everyone.
/// </summary>
public static class VexEndpoints
{
    public static IEndpointRouteBuilder MapVexEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/vex/{id:long}.json", DocumentAsync).WithTags("VEX")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/vex", ListAsync).WithTags("VEX").RequireTokenScope(TokenScope.Public)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<ContentHttpResult, NotFound>> DocumentAsync(long id, HttpContext context,
        ListVexDocuments list, CancellationToken cancellationToken)
    {
        if (await list.DocumentAsync(id, cancellationToken) is not { } document)
        {
            return TypedResults.NotFound();
        }
        // Published once and never changed: caches may keep it.
        context.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Content(document, "application/json");
    }

    /// <summary><c>?ecosystem=npm&amp;name=deep-merge</c> (both or neither) or <c>?advisory=ID</c> narrow the
    /// list.</summary>
    public static async Task<Ok<IReadOnlyList<VexSummary>>> ListAsync(string? ecosystem, string? name,
        string? advisory, ListVexDocuments list, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if ((ecosystem is null) != (name is null))
        {
            errors[ecosystem is null ? "ecosystem" : "name"] = ["give both ecosystem and name, or neither."];
        }
        foreach (var (field, value, max) in new[] { ("ecosystem", ecosystem, 100), ("name", name, 300),
            ("advisory", advisory, 200) })
        {
            if (value?.Length > max)
            {
                errors[field] = [$"at most {max} characters."];
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException("The filter is invalid.", errors);
        }
        return TypedResults.Ok(await list.ExecuteAsync(ecosystem, name, advisory, cancellationToken));
    }
}
