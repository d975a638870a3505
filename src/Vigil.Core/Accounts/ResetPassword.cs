using Microsoft.AspNetCore.Identity;

namespace Vigil.Core.Accounts;

/// <summary>
/// Sets a new password from the e-mailed reset link. The new password renews the security stamp, which ends every
/// other session of the account; the link is spent; the lockout is lifted; and the address counts as confirmed (the
/// link proved the mailbox, and the password is now its owner's choice).
/// </summary>
public sealed class ResetPassword(UserManager<VigilUser> users)
{
    /// <summary>The outcome: <see cref="Problems"/> about the password, or <see cref="Succeeded"/>.</summary>
    public sealed record Outcome(bool Succeeded, IReadOnlyList<string> Problems);

    public async Task<Outcome> ExecuteAsync(string userId, string token, string password)
    {
        var user = Guid.TryParse(userId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            problems.AddRange((await validator.ValidateAsync(users, user ?? new VigilUser(), password))
                .Errors.Select(e => e.Description));
        }
        if (problems.Count > 0 || user is null)
        {
            return new Outcome(false, problems);
        }
        if (!(await users.ResetPasswordAsync(user, token, password)).Succeeded)
        {
            return new Outcome(false, []);
        }
        await AccountLinkTokenProvider.ConsumeAsync(users, user, UserManager<VigilUser>.ResetPasswordTokenPurpose);
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return new Outcome(true, []);
    }
}
