using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Web.Tests.Pages.Admin;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>The sync status page in headless Chromium: an instance administrator signs in with a TOTP code and reads it
/// at 390 and 1280 px.</summary>
public class SyncStatusBrowserTests
{

    [Fact]
    public async Task SyncStatus_InstanceAdmin_LooksRight()
    {
        await using var app = await BrowserApp.StartAsync();
        string key;
        using (var scope = app.Services.CreateScope())
        {
            await SyncStatusPageTests.StoreStatesAsync(scope.ServiceProvider.GetRequiredService<DatabaseTarget>());
            (_, key) = await BrowserAccounts.AddWithTwoFactorAsync(
                scope.ServiceProvider, "root@example.test", instanceAdmin: true);
        }
        var (page, errors) = await app.NewPageAsync();

        await BrowserAccounts.SignInAsync(page, app.Root, "root@example.test", key);
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
