using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Vigil.Core.Accounts;
using Vigil.Core.Data;

namespace Vigil.Web.Accounts;

/// <summary>
/// The authenticator app's codes (TOTP, RFC 6238: 30-second steps, 6 digits, one step of clock drift either way),
/// each usable once: the last accepted time step is kept with the account, and a code of that step or an earlier
/// one is refused, so a code seen over a shoulder or in a proxy log cannot be replayed within its window
/// (RFC 6238 section 5.2). Codes are checked with Otp.NET against the key Identity keeps for the account.
/// The last step moves on with one conditional write (compare-and-set on the value read, or an insert the
/// primary key lets succeed once), so two checks of the same code at the same instant cannot both pass.
/// </summary>
internal sealed class OneUseAuthenticatorTokenProvider(TimeProvider time, VigilDbContext db)
    : AuthenticatorTokenProvider<VigilUser>
{
    private const string Store = "Vigil";
    private const string LastStep = "AuthenticatorLastStep";

    /// <summary>
    /// Marks the read of the last step in the SQL (a comment), so a test can hold two checks right after it.
    /// </summary>
    internal const string LastStepQueryTag = "authenticator last step";

    public override async Task<bool> ValidateAsync(
        string purpose, string token, UserManager<VigilUser> manager, VigilUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(
            time.GetUtcNow().UtcDateTime, token, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }
        var last = await db.UserTokens.AsNoTracking().TagWith(LastStepQueryTag)
            .Where(t => t.UserId == user.Id && t.LoginProvider == Store && t.Name == LastStep)
            .Select(t => t.Value)
            .SingleOrDefaultAsync();
        if (last is not null
            && long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var used)
            && step <= used)
        {
            return false;
        }
        var value = step.ToString(CultureInfo.InvariantCulture);
        if (last is not null)
        {
            // Only the check that still sees the value it read moves it on; a concurrent one finds it changed.
            return await db.UserTokens
                .Where(t => t.UserId == user.Id && t.LoginProvider == Store && t.Name == LastStep && t.Value == last)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.Value, value)) == 1;
        }
        try
        {
            return (await manager.SetAuthenticationTokenAsync(user, Store, LastStep, value)).Succeeded;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // A concurrent first check stored its step first: forget the row this one tried to add.
            foreach (var entry in db.ChangeTracker.Entries<IdentityUserToken<Guid>>()
                .Where(x => x.State == EntityState.Added)
                .ToList())
            {
                entry.State = EntityState.Detached;
            }
            return false;
        }
    }
}
