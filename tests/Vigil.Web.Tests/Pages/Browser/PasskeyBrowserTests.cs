using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Core.Accounts;
using Vigil.Core.Programs;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>
/// Passkeys in headless Chromium with a virtual WebAuthn authenticator (Chrome DevTools Protocol): a triager
/// registers, adds a passkey, signs out, signs in with the passkey alone and acts as the team (the queue needs
/// two-factor). WebAuthn refuses IP addresses as relying party ids, so the pages are opened on localhost.
/// </summary>
public class PasskeyBrowserTests
{
    private const string Password = TestAccounts.Password;

    [Fact]
    public async Task Passkey_AddedThenUsedToSignIn_IsATwoFactorSession()
    {
        await using var app = await BrowserApp.StartAsync();
        var root = app.Root.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<CreateProgram>().ExecuteAsync(
                "npm-eco", "npm ecosystem", "NPMSEC", new ProgramSettings(ScopeEcosystems: ["npm"]),
                TestContext.Current.CancellationToken);
        }
        var (page, errors) = await app.NewPageAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var authenticator = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        var authenticatorId = authenticator!.Value.GetProperty("authenticatorId").GetString()!;

        await page.GotoAsync(root + "/account/register");
        await page.FillAsync("#email", "keys@example.test");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#register-form button[type=submit]");
        await page.WaitForSelectorAsync("#check-email");
        // as the e-mailed link would
        await Vigil.Web.Tests.Accounts.AccountSession.ConfirmInStoreAsync(app.Services, "keys@example.test");
        await page.GotoAsync(root + "/account/login");
        await page.FillAsync("#email", "keys@example.test");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#login-form button[type=submit]");
        await PageChecks.ArrivedAsync(page, "**/account");
        using (var scope = app.Services.CreateScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>()
                .FindByEmailAsync("keys@example.test");
            await scope.ServiceProvider.GetRequiredService<AddProgramMember>()
                .ExecuteAsync("npm-eco", user!.Id, ProgramRole.Triager, TestContext.Current.CancellationToken);
        }
        // A password session is not two-factor: no queue.
        var before = await page.GotoAsync(root + "/programs/npm-eco/queue");
        Assert.Equal(404, before!.Status);
        errors.Clear(); // the browser logs that 404

        await page.GotoAsync(root + "/account/passkeys");
        await page.FillAsync("#confirm-password", Password); // adding a factor asks for the password again
        await page.ClickAsync("#confirm-form button[type=submit]");
        await page.WaitForSelectorAsync("#passkey-name");
        await page.FillAsync("#passkey-name", "virtual key");
        await page.ClickAsync("#add-passkey");
        await page.WaitForSelectorAsync("#passkey-added, #problem, #passkey-status:not(:empty)");
        Assert.True(await page.QuerySelectorAsync("#passkey-added") is not null,
            $"{await page.TextContentAsync("body")} | {string.Join(" / ", errors)}");
        Assert.Equal("virtual key", await page.TextContentAsync("#passkey-list .passkey-name"));
        var credentials = await cdp.SendAsync("WebAuthn.getCredentials",
            new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });
        Assert.Equal(1, credentials!.Value.GetProperty("credentials").GetArrayLength());

        // Sign out, then in with the passkey only: a two-factor session that sees the queue.
        await page.GotoAsync(root + "/account");
        await page.ClickAsync("form[action='/account/logout'] button");
        await page.GotoAsync(root + "/account/login");
        await page.ClickAsync("#passkey-login");
        await PageChecks.ArrivedAsync(page, "**/account");
        Assert.Contains("this session used it", await page.TextContentAsync("#twofactor-status"),
            StringComparison.Ordinal);
        var queue = await page.GotoAsync(root + "/programs/npm-eco/queue");
        Assert.Equal(200, queue!.Status);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
