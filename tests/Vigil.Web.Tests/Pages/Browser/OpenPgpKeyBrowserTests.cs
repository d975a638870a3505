using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>The account's OpenPGP key page in headless Chromium: a pasted key that is not one is named, a good key
/// (made by BouncyCastle) shows its fingerprint and dates in words, and it can be removed. At 390 and 1280 px, axe-core
/// clean, with and without a problem.</summary>
public class OpenPgpKeyBrowserTests
{
    private const string Email = "ada@example.test";

    [Fact]
    public async Task RegisterThenRemove_Account_LooksRightAndShowsTheFingerprint()
    {
        await using var app = await BrowserApp.StartAsync();
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
            var user = new VigilUser { UserName = Email, Email = Email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
        }
        var ring = TestOpenPgpKeys.Make($"Ada Lovelace <{Email}>",
            new DateTime(2026, 3, 4, 10, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(3650));
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync(app.Root + "/account/login");
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", TestAccounts.Password);
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForSelectorAsync("#nav-account");

        await page.GotoAsync(app.Root + "/account");
        await page.ClickAsync("#openpgp-key-link");
        await page.WaitForSelectorAsync("#key-form");
        Assert.Equal(1, await page.Locator("#no-key").CountAsync());
        await page.FillAsync("#public-key", "ssh-ed25519 AAAA not an OpenPGP key");
        await page.ClickAsync("#save-key");
        await page.WaitForSelectorAsync("#problem-key");
        Assert.Contains("not an ASCII-armored OpenPGP public key", await page.TextContentAsync("#problem-key"),
            StringComparison.Ordinal);
        await PageChecks.AssertLooksRightAsync(page, "openpgp key form with a problem", axeAtEveryWidth: true);
        // the form's answer, as intended
        Assert.Single(errors, e => e.Contains("status of 400", StringComparison.Ordinal));
        errors.Clear();

        await page.FillAsync("#public-key", TestOpenPgpKeys.Armored(ring));
        await page.ClickAsync("#save-key");
        await page.WaitForSelectorAsync("#key-facts");
        Assert.Equal(OpenPgpPublicKey.ForPeople(TestOpenPgpKeys.Fingerprint(ring)),
            await page.TextContentAsync("#fingerprint"));
        Assert.Contains("Wednesday 4 March 2026", await page.TextContentAsync("#key-facts"), StringComparison.Ordinal);
        await PageChecks.AssertLooksRightAsync(page, "openpgp key page", axeAtEveryWidth: true);

        await page.ClickAsync("#remove-key");
        await page.WaitForSelectorAsync("#no-key");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
