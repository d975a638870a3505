using Microsoft.AspNetCore.Identity;
using Vigil.Core.Data;
using Vigil.Core.Notifications;

namespace Vigil.Core.Accounts;

/// <summary>
/// "Forgot your password": the same answer for every address, and one queued e-mail each — a one-use link to set a
/// new password (valid one hour) when the address has an account, a note that it has none otherwise.
/// </summary>
public sealed class RequestPasswordReset(
    UserManager<VigilUser> users, VigilDbContext db, EnqueueNotification outbox, AccountLinks links)
{
    public async Task ExecuteAsync(string email, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        var user = await users.FindByEmailAsync(email);
        var mail = user is null
            ? new AccountMail(AccountMailKind.NoAccount, links.Register)
            : new AccountMail(AccountMailKind.ResetPassword, links.NewPassword(
                user.Id, await users.GeneratePasswordResetTokenAsync(user)));
        outbox.AccountEmail(mail, user?.Email ?? email);
        await db.SaveChangesAsync(cancellationToken);
    }
}
