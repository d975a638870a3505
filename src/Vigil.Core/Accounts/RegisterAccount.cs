using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Notifications;

namespace Vigil.Core.Accounts;

/// <summary>
/// Registration that does not tell whether an address has an account: every acceptable request gets the same
/// answer ("check your e-mail") and costs one password hash. A new address gets an account that cannot sign in
/// until the e-mailed link is opened with its password (<see cref="ConfirmAccount"/>); an address that has an
/// account gets a message saying someone tried to register, and nothing changes. Only a weak password is refused,
/// the same way for every address.
/// </summary>
public sealed class RegisterAccount(
    UserManager<VigilUser> users, VigilDbContext db, EnqueueNotification outbox, AccountLinks links, TimeProvider time)
{
    /// <returns>The password's problems (empty: the e-mail is queued).</returns>
    public async Task<IReadOnlyList<string>> ExecuteAsync(
        string email, string? displayName, string password, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        var user = new VigilUser
        {
            UserName = email,
            Email = email,
            DisplayName = displayName?.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            problems.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => e.Description));
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        var existing = await users.FindByEmailAsync(email);
        if (existing is null && await TryCreateAsync(user, password, cancellationToken) is { } created)
        {
            return created;
        }
        if (existing is null)
        {
            existing = await users.FindByEmailAsync(email); // another registration of the address won the race
        }
        else
        {
            users.PasswordHasher.HashPassword(user, password); // what creating the account would have cost
        }
        outbox.AccountEmail(
            new AccountMail(AccountMailKind.AlreadyRegistered, links.ResetPassword), existing?.Email ?? email);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <returns>Problems or an empty list when created (and its link queued); null when the address was taken
    /// meanwhile.</returns>
    private async Task<IReadOnlyList<string>?> TryCreateAsync(
        VigilUser user, string password, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            result = IdentityResult.Failed(users.ErrorDescriber.DuplicateEmail(user.Email!));
        }
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var taken = users.ErrorDescriber.DuplicateEmail(user.Email!).Code;
            var takenName = users.ErrorDescriber.DuplicateUserName(user.UserName!).Code;
            return result.Errors.All(e => e.Code == taken || e.Code == takenName)
                ? null
                : result.Errors.Select(e => e.Description).ToList();
        }
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        outbox.AccountEmail(
            new AccountMail(AccountMailKind.ConfirmEmail, links.ConfirmEmail(user.Id, token)), user.Email!);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }
}
