using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Vigil.Core.Accounts;

namespace Vigil.Web.Accounts;

/// <summary>
/// <c>Authorization: Bearer vgl_…</c>: the account behind a live API token, with the token's scopes as
/// claims. A token counts as two-factor only when its account has two-factor on (it was created from a
/// session that had to prove it). Any other bearer value (e.g. a report's follow-up token) is not this
/// handler's business. An unknown, revoked or expired token fails with 401.
/// </summary>
internal sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokens tokens, IUserClaimsPrincipalFactory<VigilUser> principals, UserManager<VigilUser> users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith("Bearer " + ApiTokens.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        var user = token is null ? null : await users.FindByIdAsync(token.UserId.ToString());
        // Lockout stops password guessing at the sign-in form; it does not switch off the account's tokens.
        if (token is null || user is null)
        {
            return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        }
        var principal = await principals.CreateAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        var claims = new ClaimsIdentity(identity.Claims, SchemeName, identity.NameClaimType, identity.RoleClaimType);
        claims.AddClaims(token.Scopes.Select(s => new Claim(VigilClaims.Scope, s)));
        // With the authenticator app on, every session (and so the one that made the token) proved it. An account
        // with only passkeys can still sign in with its password alone, so its tokens do not count as two-factor.
        if (user.TwoFactorEnabled)
        {
            claims.AddClaim(new Claim(VigilClaims.Amr, VigilClaims.Mfa));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(claims), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var problem = Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: "The API token is unknown, revoked or expired.");
        await problem.ExecuteAsync(Context);
    }
}
