using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>The public program page in headless Chromium with the program's own OpenPGP key (made by the real
/// GnuPG): its fingerprint beside the intake address, a link to the key that serves it. At 390 and 1280 px,
/// axe-core clean.</summary>
public class ProgramKeyBrowserTests
{
    [Fact]
    public async Task ProgramPage_ShowsTheProgramsKeyFingerprintAndLink()
    {
        using var gpg = new GnuPG();
        var fingerprint = await gpg.NewKeyAsync("npm ecosystem <security@npm-eco.test>");
        var secret = await File.ReadAllTextAsync(await gpg.ExportSecretKeyAsync(fingerprint), WebTest.Ct);
        await using var app = await BrowserApp.StartAsync();
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<CreateProgram>().ExecuteAsync(
                "npm-eco", "npm ecosystem", "NPMSEC", new ProgramSettings(ScopeEcosystems: ["npm"]), WebTest.Ct);
            await scope.ServiceProvider.GetRequiredService<SetIntakeAddresses>().ExecuteAsync(
                "npm-eco", Actor.System, ["security@npm-eco.test"], WebTest.Ct);
            await scope.ServiceProvider.GetRequiredService<SetProgramOpenPgpKey>().ExecuteAsync(
                "npm-eco", Actor.System, secret, null, WebTest.Ct);
        }
        var (page, errors) = await app.NewPageAsync();

        await page.GotoAsync(app.Root + "/programs/npm-eco");
        await page.WaitForSelectorAsync("#openpgp-key");

        Assert.Equal(OpenPgpPublicKey.ForPeople(fingerprint), await page.TextContentAsync("#openpgp-fingerprint"));
        await PageChecks.AssertLooksRightAsync(page, "program page with its openpgp key", axeAtEveryWidth: true);
        var key = await page.APIRequest.GetAsync(
            app.Root + await page.GetAttributeAsync("#openpgp-key a", "href"));
        Assert.Equal(200, key.Status);
        Assert.StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----", await key.TextAsync(), StringComparison.Ordinal);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
