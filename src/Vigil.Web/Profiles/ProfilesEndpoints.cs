using Vigil.Web.Accounts;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Profiles;
using Vigil.Core.Reputation;
using Vigil.Web.Operations;

namespace Vigil.Web.Profiles;

public sealed record ProfileHandleBody(string? Handle);

/// <param name="Url">The public profile's page, or null without a handle.</param>
public sealed record MyProfileBody(string? Handle, string? Url, ReputationSummary Reputation);

/// <summary>
/// Reporter profiles and reputation in the API (docs/community.md): public reporter profiles, the caller's own
/// profile handle and reputation, and the reputation table every program applies.
/// </summary>
public static class ProfilesEndpoints
{
    public static IEndpointRouteBuilder MapProfilesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Reporters").RequireTokenScope(TokenScope.Reports);
        group.MapGet("/reporters/{handle}", async (string handle, HttpContext context, GetReporterProfile profile,
                CancellationToken ct) =>
                TypedResults.Ok(await profile.ExecuteAsync(handle, ApiActor.From(context), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/reputation/rules", () => TypedResults.Ok(ReputationRules.Table));
        var me = group.MapGroup("/me/profile").RequireAuthorization();
        me.MapGet("", MyProfileAsync).ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapPut("", async (ProfileHandleBody body, HttpContext context, SetProfileHandle set,
                GetReporterProfile profiles, CancellationToken ct) =>
            {
                await set.ExecuteAsync(ApiActor.From(context), body.Handle, ct);
                return await MyProfileAsync(context.User, profiles, ct);
            })
            .Accepts<ProfileHandleBody>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<MyProfileBody>> MyProfileAsync(
        ClaimsPrincipal user, GetReporterProfile profiles, CancellationToken cancellationToken)
    {
        var (handle, reputation) = await profiles.OwnAsync(AccountsEndpoints.UserId(user), cancellationToken);
        return TypedResults.Ok(new MyProfileBody(handle, handle is null ? null : $"/reporters/{handle}", reputation));
    }
}
