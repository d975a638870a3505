using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Vigil.Core.Accounts;
using Vigil.Core.Programs;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>
/// The disclosure journey in headless Chromium: an anonymous report, a triager who registers, turns on
/// two-factor with a TOTP code, accepts and publishes it from the queue, and the advisory then served to
/// npm's bulk audit endpoint. Two browser contexts: the reporter's and the triager's.
/// </summary>
public class DisclosureBrowserTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Journey_AnonymousReport_TriagedAndPublished_ReachesNpmAudit()
    {
        await using var app = await BrowserApp.StartAsync();
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<CreateProgram>().ExecuteAsync(
                "npm-eco", "npm ecosystem", "NPMSEC", new ProgramSettings(ScopeEcosystems: ["npm"]), TestContext.Current.CancellationToken);
        }

        // The reporter, anonymous.
        var (reporter, reporterErrors) = await app.NewPageAsync();
        await reporter.GotoAsync(app.Root + "/reports/new");
        await reporter.FillAsync("#package", "browser-merge");
        await reporter.FillAsync("#versions", "<=2.0.0");
        await reporter.FillAsync("#title", "Prototype pollution in browser-merge");
        await reporter.FillAsync("#description", "Merging `__proto__` pollutes.");
        await reporter.FillAsync("#poc", "merge({}, payload)");
        await reporter.ClickAsync("#report-form button[type=submit]");
        await reporter.WaitForSelectorAsync("#followup-token");
        Assert.StartsWith("vfu_", await reporter.TextContentAsync("#followup-token"), StringComparison.Ordinal);
        await reporter.ClickAsync("#report-link");
        await reporter.WaitForURLAsync("**/reports/*");
        var reportUrl = reporter.Url;
        Assert.Equal("new", await reporter.TextContentAsync("#report-state"));

        // The triager registers, turns on two-factor, and is put on the team (as `vigil admin program add-member` does).
        var (triager, triagerErrors) = await app.NewPageAsync();
        await triager.GotoAsync(app.Root + "/account/register");
        await triager.FillAsync("#email", "tri@example.test");
        await triager.FillAsync("#password", Password);
        await triager.ClickAsync("#register-form button[type=submit]");
        await triager.WaitForURLAsync("**/account");
        await triager.GotoAsync(app.Root + "/account/2fa");
        var key = (await triager.TextContentAsync("#shared-key"))!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await triager.FillAsync("#code", new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow));
        await triager.ClickAsync("#verify-form button[type=submit]");
        await triager.WaitForSelectorAsync("#recovery-codes");
        using (var scope = app.Services.CreateScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>().FindByEmailAsync("tri@example.test");
            await scope.ServiceProvider.GetRequiredService<AddProgramMember>().ExecuteAsync("npm-eco", user!.Id, ProgramRole.Triager, TestContext.Current.CancellationToken);
        }

        await triager.GotoAsync(app.Root + "/programs/npm-eco/queue");
        await triager.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Prototype pollution in browser-merge") }).ClickAsync();
        await triager.WaitForURLAsync(reportUrl);
        await triager.ClickAsync("#accept");
        await triager.WaitForSelectorAsync("#publish");
        Assert.Equal("accepted", await triager.TextContentAsync("#report-state"));
        await triager.ClickAsync("#publish");
        await triager.WaitForSelectorAsync("#advisory-link");
        var advisoryId = (await triager.TextContentAsync("#advisory-link"))!;

        // The reporter sees it published; the advisory page is public.
        await reporter.ReloadAsync();
        Assert.Equal("published", await reporter.TextContentAsync("#report-state"));
        await reporter.ClickAsync("#advisory-link");
        await reporter.WaitForURLAsync($"**/advisories/{advisoryId}");
        Assert.Equal(advisoryId, await reporter.TextContentAsync("h1"));

        // npm's bulk audit request (what `npm audit` sends) now reports it, open-ended.
        using var http = new HttpClient();
        using var response = await http.PostAsync(app.Root + "/-/npm/v1/security/advisories/bulk",
            new StringContent("""{"browser-merge":["2.0.0","3.1.0"]}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var bulk = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.EndsWith($"/advisories/{advisoryId}", bulk["browser-merge"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(reporterErrors.Count == 0, string.Join("\n", reporterErrors));
        Assert.True(triagerErrors.Count == 0, string.Join("\n", triagerErrors));
    }
}
