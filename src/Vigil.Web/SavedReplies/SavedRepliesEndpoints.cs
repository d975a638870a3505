using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.SavedReplies;
using Vigil.Web.Accounts;
using Vigil.Web.Operations;

namespace Vigil.Web.SavedReplies;

/// <summary>A saved reply as sent to the API.</summary>
public sealed record SavedReplyBody(string? Title, string? Body);

/// <summary>
/// A program team's saved replies (docs/api.md, "Saved replies"). The team works on reports, so tokens need the report
/// scopes, as for the program's queue: <c>reports:read</c> to list, <c>reports:write</c> to change. Whoever is not the
/// program's team gets 404.
/// </summary>
public static class SavedRepliesEndpoints
{
    public static IEndpointRouteBuilder MapSavedRepliesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/programs/{slug}/saved-replies").WithTags("Saved replies")
            .RequireTokenScope(TokenScope.Reports)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync);
        group.MapPost("", CreateAsync).Accepts<SavedReplyBody>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{replyId:long}", UpdateAsync).Accepts<SavedReplyBody>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{replyId:long}", DeleteAsync);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<SavedReplyView>>> ListAsync(
        string slug, HttpContext context, ListSavedReplies list, CancellationToken cancellationToken) =>
        TypedResults.Ok(await list.ExecuteAsync(slug, ApiActor.From(context), cancellationToken));

    public static async Task<Created<SavedReplyView>> CreateAsync(
        string slug, SavedReplyBody body, HttpContext context, CreateSavedReply create,
        CancellationToken cancellationToken)
    {
        var reply = await create.ExecuteAsync(slug, ApiActor.From(context), body.Title, body.Body, cancellationToken);
        return TypedResults.Created($"/api/programs/{slug}/saved-replies/{reply.Id}", reply);
    }

    public static async Task<Ok<SavedReplyView>> UpdateAsync(
        string slug, long replyId, SavedReplyBody body, HttpContext context, UpdateSavedReply update,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await update.ExecuteAsync(
            slug, ApiActor.From(context), replyId, body.Title, body.Body, cancellationToken));

    public static async Task<NoContent> DeleteAsync(
        string slug, long replyId, HttpContext context, DeleteSavedReply delete, CancellationToken cancellationToken)
    {
        await delete.ExecuteAsync(slug, ApiActor.From(context), replyId, cancellationToken);
        return TypedResults.NoContent();
    }
}
