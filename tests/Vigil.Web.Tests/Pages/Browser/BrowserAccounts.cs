using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Vigil.Core.Accounts;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>
/// Accounts for the browser journeys: one with an authenticator app set up (the team's pages ask for a second
/// factor), and signing in through the real sign-in pages, the second factor's code computed as the app would.
/// </summary>
internal static class BrowserAccounts
{
    /// <summary>A confirmed account with <see cref="TestAccounts.Password"/> and TOTP two-factor on; returns its
    /// authenticator key.</summary>
    public static async Task<(VigilUser User, string Key)> AddWithTwoFactorAsync(
        IServiceProvider services, string email, string? displayName = null, bool instanceAdmin = false)
    {
        var users = services.GetRequiredService<UserManager<VigilUser>>();
        var user = new VigilUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            IsInstanceAdmin = instanceAdmin,
        };
        Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (user, (await users.GetAuthenticatorKeyAsync(user))!);
    }

    /// <summary>Signs in on <paramref name="page"/> with the password, then the code of
    /// <paramref name="authenticatorKey"/>; returns once the account's navigation shows.</summary>
    public static async Task SignInAsync(IPage page, string root, string email, string authenticatorKey)
    {
        await page.GotoAsync(root + "/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", TestAccounts.Password);
        await page.ClickAsync("#login-form button[type=submit]");
        await PageChecks.ArrivedAsync(page, "**/account/login-2fa**");
        await page.FillAsync("#code", new Totp(Base32Encoding.ToBytes(authenticatorKey)).ComputeTotp(DateTime.UtcNow));
        await page.ClickAsync("#code-form button[type=submit]");
        await page.WaitForSelectorAsync("#nav-account");
    }
}
