using System.Security.Claims;
using Microsoft.Net.Http.Headers;
using Vigil.Core.Reports;

namespace Vigil.Web.Operations;

/// <summary>
/// The caller of a reports endpoint: a signed-in account (its <see cref="ClaimTypes.NameIdentifier"/> is the
/// account's id; claim <c>vigil:admin</c> marks an instance administrator, <c>amr=mfa</c> a proved second factor), else
/// the anonymous reporter's
/// follow-up token from <c>Authorization: Bearer vfu_…</c>, else anonymous. The token is never read from the
/// query string, so it cannot end up in access logs or browser history.
/// </summary>
public static class ApiActor
{
    public static Actor From(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true
            && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return Actor.User(id, user.HasClaim(Accounts.VigilClaims.InstanceAdmin, "true"),
                user.HasClaim(Accounts.VigilClaims.Amr, Accounts.VigilClaims.Mfa));
        }
        var authorization = context.Request.Headers[HeaderNames.Authorization].ToString();
        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            && authorization[bearer.Length..].Trim() is var token
            && token.StartsWith(FollowUpTokens.Prefix, StringComparison.Ordinal))
        {
            return Actor.FollowUp(token);
        }
        return Actor.Anonymous;
    }
}
