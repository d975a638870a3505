using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Vigil.Core.Accounts;

/// <summary>
/// The secrets of e-mailed account links (confirming an address, resetting a password): 256 random bits, of which
/// the database keeps only the SHA-256 and an expiry, one per account and purpose (a newer link replaces an older
/// one). A token works until it expires or is used (<see cref="ConsumeAsync"/>). Stored, not data-protected, so
/// <c>vigil admin</c> on the same database can issue a link the server accepts, and a lost key ring does not matter.
/// </summary>
public sealed class AccountLinkTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<VigilUser>
{
    public const string ProviderName = "VigilLink";
    public const string ConfirmEmailPurpose = "EmailConfirmation";
    public const string ResetPasswordPurpose = "ResetPassword";
    private const string Store = "VigilLink";

    /// <summary>How long a link works: a day to confirm an address, an hour to reset a password.</summary>
    public static TimeSpan Lifetime(string purpose) =>
        purpose == ConfirmEmailPurpose ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);

    public async Task<string> GenerateAsync(string purpose, UserManager<VigilUser> manager, VigilUser user)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expires = time.GetUtcNow()
            .Add(Lifetime(purpose))
            .ToUnixTimeSeconds()
            .ToString(CultureInfo.InvariantCulture);
        var result = await manager.SetAuthenticationTokenAsync(user, Store, purpose, expires + "." + Hash(token));
        return result.Succeeded ? token : throw new InvalidOperationException("The link could not be stored.");
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<VigilUser> manager, VigilUser user)
    {
        var stored = await manager.GetAuthenticationTokenAsync(user, Store, purpose);
        if (stored?.Split('.') is not [var expires, var hash]
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var until)
            || time.GetUtcNow().ToUnixTimeSeconds() >= until || token.Length > 100)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Hash(token)), System.Text.Encoding.ASCII.GetBytes(hash));
    }

    /// <summary>Spends the account's link of this purpose (after it did its work), so it cannot be used
    /// again.</summary>
    public static Task<IdentityResult> ConsumeAsync(UserManager<VigilUser> manager, VigilUser user, string purpose) =>
        manager.RemoveAuthenticationTokenAsync(user, Store, purpose);

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<VigilUser> manager, VigilUser user) =>
        Task.FromResult(false);

    private static string Hash(string token) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
