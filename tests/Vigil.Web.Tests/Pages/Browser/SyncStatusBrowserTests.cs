using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Web.Tests.Pages.Admin;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>The sync status page in headless Chromium: an instance administrator signs in with a TOTP code and reads it
/// at 390 and 1280 px.</summary>
public class SyncStatusBrowserTests
{
    private const string Password = TestAccounts.Password;

    [Fact]
    public async Task SyncStatus_InstanceAdmin_LooksRight()
    {
        await using var app = await BrowserApp.StartAsync();
        string key;
        using (var scope = app.Services.CreateScope())
        {
            await SyncStatusPageTests.StoreStatesAsync(scope.ServiceProvider.GetRequiredService<DatabaseTarget>());
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
            var user = new VigilUser
            {
                UserName = "root@example.test",
                Email = "root@example.test",
                EmailConfirmed = true,
                IsInstanceAdmin = true
            };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        var (page, errors) = await app.NewPageAsync();

        await page.GotoAsync(app.Root + "/account/login");
        await page.FillAsync("#email", "root@example.test");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#login-form button[type=submit]");
        await PageChecks.ArrivedAsync(page, "**/account/login-2fa**");
        await page.FillAsync("#code", new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow));
        await page.ClickAsync("#code-form button[type=submit]");
        // The account page's link, not the URL: waiting for the URL also waits for the page's load event, which a CI
        // run once saw time out after the page had arrived (Playwright reported only "NetworkIdle").
        await page.WaitForSelectorAsync("#sync-link");
        Assert.EndsWith("/account", page.Url, StringComparison.Ordinal);
        await page.ClickAsync("#sync-link");
        await page.WaitForSelectorAsync("#sync-upstream-npm");

        Assert.Equal("failed", await page.GetAttributeAsync("#sync-upstream-npm", "data-state"));
        await PageChecks.AssertLooksRightAsync(page, "the sync status page");
        Assert.Empty(errors);
    }
}
