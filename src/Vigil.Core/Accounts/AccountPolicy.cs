using Microsoft.AspNetCore.Identity;

namespace Vigil.Core.Accounts;

/// <summary>
/// The account rules, shared by the web host and <c>vigil admin</c>: NIST SP 800-63B asks for length (here
/// 12+) rather than composition rules; five failed sign-ins lock an account for 15 minutes; an account signs in
/// only once its e-mail address is confirmed; confirmation and reset links are
/// <see cref="AccountLinkTokenProvider"/>'s.
/// </summary>
public static class AccountPolicy
{
    public static void Configure(IdentityOptions options)
    {
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedEmail = true;
        options.Tokens.EmailConfirmationTokenProvider = AccountLinkTokenProvider.ProviderName;
        options.Tokens.PasswordResetTokenProvider = AccountLinkTokenProvider.ProviderName;
    }
}
