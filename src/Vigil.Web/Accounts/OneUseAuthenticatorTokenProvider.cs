using System.Globalization;
using Microsoft.AspNetCore.Identity;
using OtpNet;
using Vigil.Core.Accounts;

namespace Vigil.Web.Accounts;

/// <summary>
/// The authenticator app's codes (TOTP, RFC 6238: 30-second steps, 6 digits, one step of clock drift either way),
/// each usable once: the last accepted time step is kept with the account, and a code of that step or an earlier
/// one is refused, so a code seen over a shoulder or in a proxy log cannot be replayed within its window
/// (RFC 6238 section 5.2). Codes are checked with Otp.NET against the key Identity keeps for the account.
/// </summary>
internal sealed class OneUseAuthenticatorTokenProvider(TimeProvider time) : AuthenticatorTokenProvider<VigilUser>
{
    private const string Store = "Vigil";
    private const string LastStep = "AuthenticatorLastStep";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<VigilUser> manager, VigilUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, token, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }
        var last = await manager.GetAuthenticationTokenAsync(user, Store, LastStep);
        if (last is not null && long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var used) && step <= used)
        {
            return false;
        }
        var saved = await manager.SetAuthenticationTokenAsync(user, Store, LastStep, step.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }
}
