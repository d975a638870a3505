using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Accounts;
using Vigil.Core.Errors;
using Vigil.Web.Operations;

namespace Vigil.Web.Accounts;

public sealed record AccountKeyBody(string? PublicKey);

/// <summary>
/// <c>/api/me/openpgp-key</c>: the caller's OpenPGP public key (docs/accounts.md). Read with <c>reports:read</c>,
/// registered, replaced and removed with <c>reports:write</c>: the key only decides how mail about reports reaches
/// the account's own address, which a token that reads the reports can read anyway.
/// </summary>
public static class AccountKeyEndpoints
{
    public static IEndpointRouteBuilder MapAccountKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me/openpgp-key").WithTags("Accounts").RequireAuthorization()
            .RequireTokenScope(TokenScope.Reports);
        group.MapGet("", async (HttpContext context, GetAccountKey get, CancellationToken ct) =>
                TypedResults.Ok(await get.ExecuteAsync(ApiActor.From(context), ct)
                    ?? throw new NotFoundException("No OpenPGP key is registered.")))
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("", RegisterAsync).Accepts<AccountKeyBody>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesValidationProblem();
        group.MapDelete("", async (HttpContext context, RemoveAccountKey remove, CancellationToken ct) =>
            {
                await remove.ExecuteAsync(ApiActor.From(context), ct);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<AccountKeyInfo>> RegisterAsync(
        AccountKeyBody body, HttpContext context, RegisterAccountKey register, CancellationToken cancellationToken) =>
        TypedResults.Ok(await register.ExecuteAsync(ApiActor.From(context), body.PublicKey, cancellationToken));
}
