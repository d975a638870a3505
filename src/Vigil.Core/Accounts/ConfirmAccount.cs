using Microsoft.AspNetCore.Identity;

namespace Vigil.Core.Accounts;

/// <summary>
/// Opens the e-mailed confirmation link: it takes the link's secret <em>and</em> the account's password. The link
/// alone does not do, so an account someone else registered with your address (and their password) cannot be
/// switched on by you clicking a link you did not ask for; the password alone does not either. A wrong password
/// counts towards the account's lockout. The link then stops working.
/// </summary>
public sealed class ConfirmAccount(UserManager<VigilUser> users)
{
    /// <returns>The confirmed account, or null (unknown, wrong link, wrong password or locked: one answer).</returns>
    public async Task<VigilUser?> ExecuteAsync(string userId, string token, string password)
    {
        var user = Guid.TryParse(userId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
        if (user is null || await users.IsLockedOutAsync(user)
            || !await users.VerifyUserTokenAsync(
                user, users.Options.Tokens.EmailConfirmationTokenProvider,
                UserManager<VigilUser>.ConfirmEmailTokenPurpose, token))
        {
            DecoyPassword.Verify(users.PasswordHasher, password);
            return null;
        }
        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return null;
        }
        if (!(await users.ConfirmEmailAsync(user, token)).Succeeded)
        {
            return null;
        }
        await users.ResetAccessFailedCountAsync(user);
        await AccountLinkTokenProvider.ConsumeAsync(users, user, UserManager<VigilUser>.ConfirmEmailTokenPurpose);
        return user;
    }
}
