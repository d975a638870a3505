using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Notifications;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.SavedReplies;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>Triage at scale in headless Chromium: a triager chooses three spam reports on the queue and rejects them in
/// one step, asks two others the same question through a saved reply (filled for each report), and merges a group of
/// possible duplicates on the report that stands; every reporter is told. The queue with reports chosen and the report
/// after the merge at 390 and 1280 px, axe-core clean.</summary>
public class QueueBrowserTests
{

    private static CancellationToken Ct => WebTest.Ct;

    [Fact]
    public async Task RejectAskAndMerge_Triager_ManyReportsInOneStepEachReporterTold()
    {
        await using var app = await BrowserApp.StartAsync();
        string key;
        var spam = new List<long>();
        var unclear = new List<long>();
        var duplicates = new List<long>();
        using (var scope = app.Services.CreateScope())
        {
            var services = scope.ServiceProvider;
            await services.GetRequiredService<CreateProgram>().ExecuteAsync(Actor.System, "npm-eco", "npm ecosystem",
                "NPMSEC", new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
            (var user, key) = await BrowserAccounts.AddWithTwoFactorAsync(services, "tri@example.test");
            await services.GetRequiredService<AddProgramMember>()
                .ExecuteAsync("npm-eco", user.Id, ProgramRole.Triager, Ct);
            await services.GetRequiredService<CreateSavedReply>().ExecuteAsync("npm-eco", Actor.User(user.Id),
                "Needs a proof of concept", "Thank you for report {report}. Please show {package} misbehaving.", Ct);
            var submit = services.GetRequiredService<SubmitReport>();
            async Task<long> SubmitAsync(string package, string range, string title, string email) =>
                (await submit.ExecuteAsync("npm-eco", new SubmitReportRequest(
                    [new ReportPackageInput("npm", package, range)], title, "A description.", ReporterEmail: email),
                    Actor.Anonymous, Ct)).Id;
            foreach (var package in new[] { "left-pad", "is-even", "tiny-glob" })
            {
                spam.Add(await SubmitAsync(package, "<=1.0.0", $"BUY CHEAP {package} NOW", $"{package}@spam.test"));
            }
            foreach (var package in new[] { "qs-lite", "yaml-tiny" })
            {
                unclear.Add(await SubmitAsync(package, "<=2.0.0", $"Something wrong in {package}",
                    $"{package}@example.test"));
            }
            foreach (var (range, who) in new[] { ("<=1.4.1", "first"), (">=1.2.0 <1.5.0", "second"),
                ("1.4.0", "third") })
            {
                duplicates.Add(await SubmitAsync("deep-merge", range, "Prototype pollution in deep-merge",
                    $"{who}@example.test"));
            }
        }
        var (page, errors) = await app.NewPageAsync();
        await BrowserAccounts.SignInAsync(page, app.Root, "tri@example.test", key);

        // Three spam reports rejected in one step.
        await page.GotoAsync(app.Root + "/programs/npm-eco/queue");
        await page.WaitForSelectorAsync("#bulk-actions");
        foreach (var id in spam)
        {
            await page.CheckAsync($"#choose-{id}");
        }
        await page.SelectOptionAsync("#bulk-reason", "spam");
        Assert.Contains($"#{duplicates[0]} would stand",
            await page.InnerTextAsync($"li[data-report='{duplicates[2]}'] .duplicates"), StringComparison.Ordinal);
        await PageChecks.AssertLooksRightAsync(page, "the triage queue with reports chosen", axeAtEveryWidth: true);
        await page.ClickAsync("#bulk-reject");
        await page.WaitForSelectorAsync("#flash");
        Assert.Contains("3 reports rejected as spam", await page.InnerTextAsync("#flash"), StringComparison.Ordinal);
        foreach (var id in spam)
        {
            Assert.Equal(0, await page.Locator($"li[data-report='{id}']").CountAsync());
        }

        // Two reports asked the same question, from a saved reply filled in for each.
        foreach (var id in unclear)
        {
            await page.CheckAsync($"#choose-{id}");
        }
        await page.SelectOptionAsync("#bulk-question-saved",
            new SelectOptionValue { Label = "Needs a proof of concept" });
        Assert.Equal("Thank you for report {report}. Please show {package} misbehaving.",
            await page.InputValueAsync("#bulk-question"));
        await page.ClickAsync("#bulk-ask");
        await page.WaitForSelectorAsync("#flash");
        Assert.Contains("2 reports asked your question", await page.InnerTextAsync("#flash"),
            StringComparison.Ordinal);
        foreach (var (id, package) in unclear.Zip(["qs-lite", "yaml-tiny"]))
        {
            await page.GotoAsync($"{app.Root}/reports/{id}");
            await page.WaitForSelectorAsync("#timeline");
            Assert.Contains($"Thank you for report {id}. Please show {package} misbehaving.",
                await page.InnerTextAsync("#timeline"), StringComparison.Ordinal);
            Assert.Equal("needs-more-information",
                await page.GetAttributeAsync("#report-state", "data-state"));
        }

        // The later reports of a group of possible duplicates merged into the first.
        await page.GotoAsync($"{app.Root}/reports/{duplicates[0]}");
        await page.FillAsync("#merge-note", "Reported already: we follow the first report.");
        await page.ClickAsync("#merge-duplicates");
        await page.WaitForSelectorAsync("#flash");
        var group = await page.InnerTextAsync("#duplicate-group");
        foreach (var id in duplicates.Skip(1))
        {
            Assert.Contains($"#{id} rejected (duplicate of #{duplicates[0]})", group, StringComparison.Ordinal);
        }
        await PageChecks.AssertLooksRightAsync(page, "the report page after merging duplicates");
        Assert.Null(await page.QuerySelectorAsync("#merge-duplicates"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
            var vault = scope.ServiceProvider.GetRequiredService<ReportVault>();
            var mails = (await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == OutboxKind.Email
                    && (m.EventType == NotificationEvent.Rejected
                        || m.EventType == NotificationEvent.NeedsMoreInformation))
                .ToListAsync(Ct)).Select(m => OutboxSeal.Opened(vault, m)).ToList();
            Assert.Equal(
                ["is-even@spam.test", "left-pad@spam.test", "second@example.test", "third@example.test",
                    "tiny-glob@spam.test"],
                mails.Where(m => m.EventType == NotificationEvent.Rejected).Select(m => m.Recipient).Order());
            Assert.Equal(["qs-lite@example.test", "yaml-tiny@example.test"],
                mails.Where(m => m.EventType == NotificationEvent.NeedsMoreInformation).Select(m => m.Recipient)
                    .Order());
        }
        Assert.Empty(errors);
    }
}
