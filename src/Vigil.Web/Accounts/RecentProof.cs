using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Vigil.Core.Accounts;

namespace Vigil.Web.Accounts;

/// <summary>
/// "Confirm it's you" before a factor is enrolled, shown or removed: a session that proved the password (or a
/// code of the factor already enrolled) in the last ten minutes holds a proof, kept in a data-protected,
/// HttpOnly, SameSite=Strict cookie under <c>/account</c> and bound to the account and its security stamp (so a
/// new password, a changed factor or signing out voids it). A stolen session cookie alone cannot add a factor.
/// </summary>
public sealed class RecentProof(IDataProtectionProvider protection, UserManager<VigilUser> users, TimeProvider time)
{
    public const string CookieName = "vigil.proof";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _protector = protection.CreateProtector("Vigil.RecentProof");

    /// <summary>Checks the password or an authenticator code; on success the session holds a proof.</summary>
    public async Task<bool> ConfirmAsync(HttpContext context, VigilUser user, string? password, string? code)
    {
        if (!await VerifyAsync(user, password, code))
        {
            return false;
        }
        await GrantAsync(context, user);
        return true;
    }

    /// <summary>
    /// Checks the password or an authenticator code; a failure counts toward the account's lockout like a
    /// failed sign-in.
    /// </summary>
    public async Task<bool> VerifyAsync(VigilUser user, string? password, string? code)
    {
        var proved = !string.IsNullOrEmpty(password) ? await users.CheckPasswordAsync(user, password)
            : user.TwoFactorEnabled && !string.IsNullOrEmpty(code)
              && await users.VerifyTwoFactorTokenAsync(
                  user,
                  users.Options.Tokens.AuthenticatorTokenProvider,
                  code.Replace(" ", "", StringComparison.Ordinal));
        if (!proved)
        {
            await users.AccessFailedAsync(user);
        }
        return proved;
    }

    /// <summary>The session holds a proof from now on (bound to the account's current security stamp).</summary>
    public async Task GrantAsync(HttpContext context, VigilUser user)
    {
        var expires = time.GetUtcNow() + Lifetime;
        var value = _protector.Protect(
            $"{user.Id}|{await users.GetSecurityStampAsync(user)}|{expires.ToUnixTimeSeconds()}");
        context.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/account",
            MaxAge = Lifetime,
        });
    }

    public async Task<bool> HoldsAsync(HttpContext context, VigilUser user)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } cookie)
        {
            return false;
        }
        string[] parts;
        try
        {
            parts = _protector.Unprotect(cookie).Split('|');
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
        return parts.Length == 3 && parts[0] == user.Id.ToString()
            && parts[1] == await users.GetSecurityStampAsync(user)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && time.GetUtcNow().ToUnixTimeSeconds() < expires;
    }

    public static void Forget(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/account" });
}
