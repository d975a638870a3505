using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Core.Programs;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>
/// Two of the five journeys in headless Chromium, every page checked at 390 and 1280 px (nothing wider than the
/// window, axe-core clean): a visitor who finds an advisory, a package and a program's policies; and a registered
/// reporter who signs up, reports with a credit and manages it. The anonymous reporter, the triager with two-factor
/// and the invited maintainer are <see cref="DisclosureBrowserTests"/>.
/// </summary>
public class JourneyBrowserTests
{
    private const string Password = TestAccounts.Password;

    [Fact]
    public async Task Visitor_FindsAdvisoriesPackagesAndProgramPolicies()
    {
        await using var app = await StartWithProgramAsync();
        await PublishAnsweredReportAsync(app);
        var (page, errors) = await app.NewPageAsync();

        await page.GotoAsync(app.Root + "/");
        await PageChecks.AssertLooksRightAsync(page, "the advisory list");
        await page.FillAsync("#q", "minimist");
        await page.PressAsync("#q", "Enter");
        await PageChecks.ArrivedAsync(page, "**/?q=minimist*");
        await PageChecks.AssertLooksRightAsync(page, "the search results");
        await page.GetByRole(AriaRole.Link, new() { Name = "GHSA-vh95-rmgr-6w4m", Exact = true }).ClickAsync();
        await PageChecks.ArrivedAsync(page, "**/advisories/GHSA-vh95-rmgr-6w4m");
        await PageChecks.AssertLooksRightAsync(page, "the advisory page");
        await page.Locator(".affected h3 a").First.ClickAsync();
        await PageChecks.ArrivedAsync(page, "**/packages/npm/minimist");
        await page.FillAsync("#version", "1.2.5");
        await page.ClickAsync("form.check button");
        await page.WaitForSelectorAsync("#answer");
        await PageChecks.AssertLooksRightAsync(page, "the package page with a version checked");

        // From the header to the programs, a program's page and its policies.
        await page.ClickAsync("#nav-programs");
        await PageChecks.ArrivedAsync(page, "**/programs");
        await page.GetByRole(AriaRole.Link, new() { Name = "npm ecosystem", Exact = true }).First.ClickAsync();
        await PageChecks.ArrivedAsync(page, "**/programs/npm-eco");
        await PageChecks.AssertLooksRightAsync(page, "the program page");
        Assert.Contains("left-merge", await page.InnerTextAsync("#maintainer-answers"), StringComparison.Ordinal);
        foreach (var (path, name) in new[]
        {
            ("/programs/npm-eco/security-md", "the program's SECURITY.md"),
            ("/programs/npm-eco/hacktivity", "the program's hacktivity"),
            ("/programs/npm-eco/leaderboard", "the program's leaderboard"),
            ("/tools/cvss?vector=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "the CVSS calculator"),
        })
        {
            await page.GotoAsync(app.Root + path);
            await PageChecks.AssertLooksRightAsync(page, name);
        }
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task RegisteredReporter_ReportsWithACredit_AndManagesIt()
    {
        await using var app = await StartWithProgramAsync();
        var (page, errors) = await app.NewPageAsync();

        await page.GotoAsync(app.Root + "/account/register");
        await PageChecks.AssertLooksRightAsync(page, "the registration page");
        Assert.NotNull(await page.QuerySelectorAsync("main a[href='/account/login']")); // a way to sign in instead
        await page.FillAsync("#email", "ada@example.test");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#register-form button[type=submit]");
        await page.WaitForSelectorAsync("#check-email");
        // as the e-mailed link would
        await Vigil.Web.Tests.Accounts.AccountSession.ConfirmInStoreAsync(app.Services, "ada@example.test");
        await page.GotoAsync(app.Root + "/account/login");
        await PageChecks.AssertLooksRightAsync(page, "the sign-in page");
        await page.FillAsync("#email", "ada@example.test");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#login-form button[type=submit]");
        await PageChecks.ArrivedAsync(page, "**/account");

        await page.GotoAsync(app.Root + "/reports/new?program=npm-eco");
        await page.FillAsync("#package", "left-merge");
        await page.FillAsync("#versions", "<3.0.0");
        await page.FillAsync("#title", "Prototype pollution in left-merge");
        await page.FillAsync("#description", "Merging `constructor.prototype` pollutes.");
        await page.FillAsync("#credit", "Ada");
        await page.ClickAsync("#report-form button[type=submit]");
        await page.WaitForSelectorAsync("#submitted");
        Assert.Null(await page.QuerySelectorAsync("#followup-token")); // the account is the way back
        await PageChecks.AssertLooksRightAsync(page, "the report received page");
        await page.ClickAsync("#report-link");
        await PageChecks.ArrivedAsync(page, "**/reports/*");
        await PageChecks.AssertLooksRightAsync(page, "the registered reporter's report page");

        // The reporter holds the finder credit: the credit buttons are theirs, and each says what it did.
        await page.ClickAsync("#anonymous-credit");
        await page.WaitForSelectorAsync("#flash");
        Assert.Contains("credit preference is saved", await page.TextContentAsync("#flash"), StringComparison.Ordinal);
        Assert.Equal("Credit me by name again", (await page.TextContentAsync("#anonymous-credit"))!.Trim());
        Assert.Contains("Anonymous", await page.TextContentAsync("#credit-list"), StringComparison.Ordinal);

        await page.GotoAsync(app.Root + "/account");
        Assert.Contains("Prototype pollution in left-merge", await page.TextContentAsync("main"),
            StringComparison.Ordinal);
        await PageChecks.AssertLooksRightAsync(page, "the account page");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>A published report of the program whose maintainer answered, for the program page's figures.</summary>
    private static async Task PublishAnsweredReportAsync(BrowserApp app)
    {
        var ct = TestContext.Current.CancellationToken;
        async Task<T> Use<T>(Func<IServiceProvider, Task<T>> action)
        {
            using var scope = app.Services.CreateScope();
            return await action(scope.ServiceProvider);
        }
        async Task<Vigil.Core.Reports.Actor> UserAsync(string email) => await Use(async services =>
        {
            var user = new Vigil.Core.Accounts.VigilUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                TwoFactorEnabled = true
            };
            var users = services
                .GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Vigil.Core.Accounts.VigilUser>>();
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            return Vigil.Core.Reports.Actor.User(user.Id);
        });
        var triager = await UserAsync("triager@example.test");
        var maintainer = await UserAsync("keeper@example.test");
        await Use(async s =>
        {
            await s.GetRequiredService<AddProgramMember>().ExecuteAsync(
                "npm-eco", triager.UserId!.Value, ProgramRole.Triager, ct);
            return 0;
        });
        var id = (await Use(s => s.GetRequiredService<Vigil.Core.Reports.SubmitReport>().ExecuteAsync("npm-eco",
            new([new("npm", "left-merge", "<3.0.0")], "Prototype pollution", "Details."),
            Vigil.Core.Reports.Actor.Anonymous, ct))).Id;
        await Use(async s =>
        {
            await s.GetRequiredService<Vigil.Core.Reports.TriageReport>().AcceptAsync(id, triager, ct);
            return 0;
        });
        await Use(s => s.GetRequiredService<Vigil.Core.Reports.InviteMaintainer>()
            .ExecuteAsync(id, triager, maintainer.UserId, null, ct));
        await Use(s => s.GetRequiredService<Vigil.Core.Reports.CommentOnReport>()
            .ExecuteAsync(id, maintainer, "Confirmed.", false, ct));
        await Use(s => s.GetRequiredService<Vigil.Core.Reports.PublishReport>().ExecuteAsync(id, triager, ct));
    }

    private static async Task<BrowserApp> StartWithProgramAsync()
    {
        var app = await BrowserApp.StartAsync();
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<CreateProgram>().ExecuteAsync(
            "npm-eco", "npm ecosystem", "NPMSEC", new ProgramSettings(ScopeEcosystems: ["npm"]),
            TestContext.Current.CancellationToken);
        return app;
    }
}
