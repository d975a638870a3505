using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Cve;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Vex;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>
/// Disputes in headless Chromium: the invited maintainer answers "not affected" for two versions on the report page
/// (a bad version first: the problem beside its field), the triager (signed in with a TOTP code) accepts it, the
/// advisory is published and the team publishes the dispute as OpenVEX; the package page and the advisory page then
/// link the document, which is served as JSON. axe-core and both widths on every page.
/// </summary>
public class DisputeBrowserTests
{
    private const string Password = TestAccounts.Password;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Journey_MaintainerDisputes_TeamAcceptsAndPublishes_VexLinkedFromPackageAndAdvisory()
    {
        await using var app = await BrowserApp.StartAsync();
        string key;
        long id;
        using (var scope = app.Services.CreateScope())
        {
            var services = scope.ServiceProvider;
            await services.GetRequiredService<CreateProgram>().ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
            var users = services.GetRequiredService<UserManager<VigilUser>>();
            var triager = new VigilUser
            {
                UserName = "tri@example.test",
                Email = "tri@example.test",
                EmailConfirmed = true,
                DisplayName = "Tomás Triager",
            };
            var maintainer = new VigilUser
            {
                UserName = "dev@example.test",
                Email = "dev@example.test",
                EmailConfirmed = true,
                DisplayName = "Dana Maintainer",
            };
            Assert.True((await users.CreateAsync(triager, Password)).Succeeded);
            Assert.True((await users.CreateAsync(maintainer, Password)).Succeeded);
            await users.ResetAuthenticatorKeyAsync(triager);
            await users.SetTwoFactorEnabledAsync(triager, true);
            key = (await users.GetAuthenticatorKeyAsync(triager))!;
            await services.GetRequiredService<AddProgramMember>().ExecuteAsync("npm-eco", triager.Id,
                ProgramRole.Triager, Ct);
            id = (await services.GetRequiredService<SubmitReport>().ExecuteAsync("npm-eco",
                new SubmitReportRequest([new ReportPackageInput("npm", "vex-merge", "<=1.4.1")],
                    "Prototype pollution in vex-merge", "Private description.", ReporterEmail: "r@example.test"),
                Actor.Anonymous, Ct)).Id;
            await services.GetRequiredService<TriageReport>().AcceptAsync(id, Actor.User(triager.Id), Ct);
            await services.GetRequiredService<InviteMaintainer>()
                .ExecuteAsync(id, Actor.User(triager.Id), maintainer.Id, null, Ct);
            await services.GetRequiredService<AssignCve>().RecordAsync(id, Actor.User(triager.Id), "CVE-2026-7777",
                Ct);
        }

        // The maintainer disputes two versions.
        var (maintainerPage, maintainerErrors) = await app.NewPageAsync();
        await maintainerPage.GotoAsync(app.Root + "/account/login");
        await maintainerPage.FillAsync("#email", "dev@example.test");
        await maintainerPage.FillAsync("#password", Password);
        await maintainerPage.ClickAsync("#login-form button[type=submit]");
        await PageChecks.ArrivedAsync(maintainerPage, "**/account");
        await maintainerPage.GotoAsync(app.Root + $"/reports/{id}");
        await maintainerPage.WaitForSelectorAsync("#dispute-form");
        await PageChecks.AssertLooksRightAsync(maintainerPage, "the maintainer's dispute form", axeAtEveryWidth: true);
        await maintainerPage.SelectOptionAsync("#dispute-justification", "vulnerable_code_not_in_execute_path");
        await maintainerPage.FillAsync("#dispute-statement",
            "1.4.0 and 1.4.1 never call the recursive merge with user input.");
        await maintainerPage.FillAsync("#dispute-versions-0", "1.4.0, 9.9.9");
        await maintainerPage.ClickAsync("#dispute");
        await maintainerPage.WaitForSelectorAsync("#dispute-versions-0-error");
        Assert.Equal("true", await maintainerPage.GetAttributeAsync("#dispute-versions-0", "aria-invalid"));
        Assert.Contains("not in the reported range", await maintainerPage.TextContentAsync(
            "#dispute-versions-0-error"), StringComparison.Ordinal);
        await PageChecks.AssertLooksRightAsync(maintainerPage, "the dispute form with a problem");
        Assert.Single(maintainerErrors, e => e.Contains("status of 400", StringComparison.Ordinal));
        maintainerErrors.Clear();
        await maintainerPage.SelectOptionAsync("#dispute-justification", "vulnerable_code_not_in_execute_path");
        await maintainerPage.FillAsync("#dispute-statement",
            "1.4.0 and 1.4.1 never call the recursive merge with user input.");
        await maintainerPage.FillAsync("#dispute-versions-0", "1.4.0, 1.4.1");
        await maintainerPage.ClickAsync("#dispute");
        await maintainerPage.WaitForSelectorAsync("#flash");
        Assert.Equal("pending", await maintainerPage.GetAttributeAsync("#disputes li", "data-state"));
        Assert.Equal(0, await maintainerPage.Locator("#dispute-form").CountAsync());
        Assert.Empty(maintainerErrors);

        // The triager accepts it: the report goes on (two versions only).
        var (team, teamErrors) = await app.NewPageAsync();
        await BrowserAccounts.SignInAsync(team, app.Root, "tri@example.test", key);
        await team.GotoAsync(app.Root + $"/reports/{id}");
        await team.WaitForSelectorAsync("#decide-form");
        await PageChecks.AssertLooksRightAsync(team, "the team's dispute decision", axeAtEveryWidth: true);
        await team.CheckAsync("#decide-accept");
        await team.FillAsync("#decide-reason", "Confirmed: the merge is not reachable in 1.4.x.");
        await team.ClickAsync("#decide-dispute");
        await team.WaitForSelectorAsync("#flash");
        Assert.Equal("accepted", await team.GetAttributeAsync("#disputes li", "data-state"));
        Assert.Equal("maintainers-notified", await team.GetAttributeAsync("#report-state", "data-state"));
        Assert.Contains("once the advisory is published", await team.InnerTextAsync("#disputes"),
            StringComparison.Ordinal);

        // The advisory is published (as the clock or the publish page would), then the VEX document.
        string advisory;
        using (var scope = app.Services.CreateScope())
        {
            advisory = (await scope.ServiceProvider.GetRequiredService<PublishReport>()
                .ExecuteAsync(id, Actor.System, Ct)).Id;
        }
        await team.ReloadAsync();
        var publish = team.Locator("#disputes button[id^=publish-vex-]");
        await publish.ClickAsync();
        await team.WaitForSelectorAsync("#disputes .vex-link");
        var vexUrl = (await team.GetAttributeAsync("#disputes .vex-link", "href"))!;
        Assert.Matches("^/vex/[0-9]+\\.json$", vexUrl);
        await PageChecks.AssertLooksRightAsync(team, "the team's page with the VEX published");
        Assert.Empty(teamErrors);

        // Anyone: the package page and the advisory page link it; the document is OpenVEX JSON.
        var (visitor, visitorErrors) = await app.NewPageAsync();
        await visitor.GotoAsync(app.Root + "/packages/npm/vex-merge");
        Assert.Equal(vexUrl, await visitor.GetAttributeAsync("#vex-h ~ ul .vex-link", "href"));
        await PageChecks.AssertLooksRightAsync(visitor, "the package page with VEX", axeAtEveryWidth: true);
        await visitor.GotoAsync(app.Root + $"/advisories/{advisory}");
        Assert.Equal(vexUrl, await visitor.GetAttributeAsync("#vex-h ~ ul .vex-link", "href"));
        Assert.Contains("CVE-2026-7777", await visitor.TextContentAsync("#vex-h ~ ul"), StringComparison.Ordinal);
        await PageChecks.AssertLooksRightAsync(visitor, "the advisory page with VEX", axeAtEveryWidth: true);
        var response = await visitor.APIRequest.GetAsync(app.Root + vexUrl);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/json", response.Headers["content-type"], StringComparison.Ordinal);
        var document = System.Text.Json.Nodes.JsonNode.Parse(await response.TextAsync());
        Assert.Empty(OpenVexShape.Problems(document));
        Assert.Equal(["pkg:npm/vex-merge@1.4.0", "pkg:npm/vex-merge@1.4.1"],
            document!["statements"]![0]!["products"]!.AsArray().Select(p => p!["@id"]!.GetValue<string>()));
        Assert.Empty(visitorErrors);
    }
}
