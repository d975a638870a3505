using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Vigil.Core.Accounts;
using Vigil.Web.Accounts;

namespace Vigil.Web.Accounts;

public sealed record MeBody(Guid Id, string? Email, string? DisplayName, bool TwoFactorEnabled, bool TwoFactorVerified,
    bool InstanceAdmin, IReadOnlyList<string>? TokenScopes);

public sealed record CreateTokenBody(string? Name, List<string>? Scopes, int? ExpiresInDays);

public sealed record CreatedTokenBody(string Token, ApiTokenInfo Info);

/// <summary>
/// <c>/api/me</c> (any token) and the caller's API tokens. Tokens are listed, created and revoked from a
/// signed-in session only, never with another token (a stolen token cannot mint or remove others), and the
/// secret is in the creation answer only.
/// </summary>
public static class AccountsEndpoints
{
    public static IEndpointRouteBuilder MapAccountsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Accounts").RequireAuthorization()
            .RequireTokenScope(TokenScope.SessionOnly);
        group.MapGet("/me", MeAsync).RequireTokenScope(TokenScope.Public)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/tokens", async (ClaimsPrincipal user, ApiTokens tokens, CancellationToken ct) =>
            TypedResults.Ok(await tokens.ListAsync(UserId(user), ct)))
                .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/tokens", CreateAsync).Accepts<CreateTokenBody>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem();
        group.MapDelete("/tokens/{id:long}",
            async (long id, ClaimsPrincipal user, ApiTokens tokens, CancellationToken ct) =>
            {
                await tokens.RevokeAsync(UserId(user), id, ct);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<MeBody>> MeAsync(ClaimsPrincipal user, UserManager<VigilUser> users)
    {
        var account = await users.GetUserAsync(user) ?? throw new Core.Errors.NotFoundException("No such account.");
        var scopes = user.Identity?.AuthenticationType == ApiTokenHandler.SchemeName
            ? user.FindAll(VigilClaims.Scope).Select(c => c.Value).ToList() : null;
        return TypedResults.Ok(new MeBody(account.Id, account.Email, account.DisplayName, account.TwoFactorEnabled,
            user.HasTwoFactor(), account.IsInstanceAdmin, scopes));
    }

    public static async Task<Results<Created<CreatedTokenBody>, ProblemHttpResult>> CreateAsync(
        CreateTokenBody body, ClaimsPrincipal user, ApiTokens tokens, CancellationToken cancellationToken)
    {
        var (secret, info) = await tokens.CreateAsync(UserId(user), body.Name ?? "", body.Scopes ?? [],
            body.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : null, cancellationToken);
        return TypedResults.Created($"/api/tokens/{info.Id}", new CreatedTokenBody(secret, info));
    }

    internal static Guid UserId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
