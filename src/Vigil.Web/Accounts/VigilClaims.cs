using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Vigil.Core.Accounts;

namespace Vigil.Web.Accounts;

/// <summary>The claims Vigil reads besides Identity's own.</summary>
public static class VigilClaims
{
    /// <summary>"true" on an instance administrator's principal.</summary>
    public const string InstanceAdmin = "vigil:admin";

    /// <summary>Authentication method reference (RFC 8176); "mfa" when a second factor was proved.</summary>
    public const string Amr = "amr";

    public const string Mfa = "mfa";

    /// <summary>A scope of the API token the request was authenticated with.</summary>
    public const string Scope = "scope";

    public static bool HasTwoFactor(this ClaimsPrincipal user) => user.HasClaim(Amr, Mfa);
}

/// <summary>Adds the instance-administrator claim to the principal Identity builds at sign-in.</summary>
internal sealed class VigilClaimsFactory(
    UserManager<VigilUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<VigilUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(VigilUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.IsInstanceAdmin)
        {
            identity.AddClaim(new Claim(VigilClaims.InstanceAdmin, "true"));
        }
        return identity;
    }
}
