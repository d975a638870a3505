using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Core.Accounts;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>Saved replies in headless Chromium: a triager adds two on the management page, then chooses one on a
/// report, which fills the comment box expanded for the report, edits it and posts it. Both pages at 390 and 1280 px,
/// axe-core clean.</summary>
public class SavedRepliesBrowserTests
{

    [Fact]
    public async Task ManageThenUseOnAReport_Triager_LooksRightAndPostsTheEditedReply()
    {
        await using var app = await BrowserApp.StartAsync();
        string key;
        long report;
        using (var scope = app.Services.CreateScope())
        {
            var services = scope.ServiceProvider;
            await services.GetRequiredService<CreateProgram>().ExecuteAsync(Actor.System, "npm-eco", "npm ecosystem",
                "NPMSEC", new ProgramSettings(ScopeEcosystems: ["npm"]), WebTestCt);
            (var user, key) = await BrowserAccounts.AddWithTwoFactorAsync(services, "tri@example.test");
            await services.GetRequiredService<AddProgramMember>()
                .ExecuteAsync("npm-eco", user.Id, ProgramRole.Triager, WebTestCt);
            report = (await services.GetRequiredService<SubmitReport>().ExecuteAsync("npm-eco",
                new SubmitReportRequest([new ReportPackageInput("npm", "deep-merge", "<=1.4.1")],
                    "Prototype pollution", "Merging pollutes Object.prototype."),
                Actor.Anonymous, WebTestCt)).Id;
        }
        var (page, errors) = await app.NewPageAsync();
        await BrowserAccounts.SignInAsync(page, app.Root, "tri@example.test", key);

        await page.GotoAsync(app.Root + "/programs/npm-eco/queue");
        await page.ClickAsync("#saved-replies-link");
        await page.WaitForSelectorAsync("#add-form");
        foreach (var (title, body) in new[]
        {
            ("Needs a proof of concept",
                "Thank you for report {report}. Please send a proof of concept that shows {package} misbehaving."),
            ("Out of scope", "{package} is outside the scope of {program}: please report it to its maintainers."),
        })
        {
            await page.FillAsync("#add-title", title);
            await page.FillAsync("#add-body", body);
            await page.ClickAsync("#add-reply");
            await page.WaitForSelectorAsync("#flash");
        }
        Assert.Equal(2, await page.Locator("#reply-list > li").CountAsync());
        await PageChecks.AssertLooksRightAsync(page, "the saved replies page");

        await page.GotoAsync($"{app.Root}/reports/{report}");
        await page.WaitForSelectorAsync("#comment-saved");
        var options = await page.Locator("#comment-saved option").AllTextContentsAsync();
        Assert.Equal(["none", "Needs a proof of concept", "Out of scope"], options);
        await page.SelectOptionAsync("#comment-saved", new SelectOptionValue { Label = "Needs a proof of concept" });
        var filled = await page.InputValueAsync("#comment");
        Assert.Equal(
            $"Thank you for report {report}. Please send a proof of concept that shows deep-merge misbehaving.",
            filled);
        await page.FillAsync("#comment", filled + " A short script is enough.");
        await PageChecks.AssertLooksRightAsync(page, "the report page with a saved reply chosen");
        await page.ClickAsync("#comment-form button[type=submit]");
        await page.WaitForSelectorAsync("#flash");

        var timeline = await page.TextContentAsync("#timeline");
        Assert.Contains("deep-merge misbehaving. A short script is enough.", timeline, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    private static CancellationToken WebTestCt => Infrastructure.WebTest.Ct;
}
