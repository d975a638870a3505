using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>The team workload in headless Chromium: a program administrator signs in with a TOTP code, opens it from
/// the triage queue and reads it at 390 and 1280 px (axe-core at both widths, nothing wider than the window).</summary>
public class WorkloadBrowserTests
{
    private const string Password = TestAccounts.Password;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Workload_ProgramAdmin_LooksRight()
    {
        await using var app = await BrowserApp.StartAsync();
        string key;
        using (var scope = app.Services.CreateScope())
        {
            var services = scope.ServiceProvider;
            await services.GetRequiredService<CreateProgram>().ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
            var users = services.GetRequiredService<UserManager<VigilUser>>();
            var ids = new List<Guid>();
            foreach (var (email, name) in new[] { ("admin@example.test", "Ada Admin"),
                ("triager@example.test", "Tomás Triager-Longname") })
            {
                var user = new VigilUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
                Assert.True((await users.CreateAsync(user, Password)).Succeeded);
                await users.ResetAuthenticatorKeyAsync(user);
                await users.SetTwoFactorEnabledAsync(user, true);
                ids.Add(user.Id);
            }
            key = (await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(ids[0].ToString()))!))!;
            var add = services.GetRequiredService<AddProgramMember>();
            await add.ExecuteAsync("npm-eco", ids[0], ProgramRole.Admin, Ct);
            await add.ExecuteAsync("npm-eco", ids[1], ProgramRole.Triager, Ct);
            var submitted = new List<long>();
            foreach (var (package, title) in new[]
            {
                ("deep-merge", "Prototype pollution in deep-merge through __proto__ keys of nested objects"),
                ("left-pad", "Denial of service in left-pad with a very long padding string"),
                ("tiny-glob", "Path traversal in tiny-glob"),
                ("qs-lite", "Prototype pollution in qs-lite"),
            })
            {
                submitted.Add((await services.GetRequiredService<SubmitReport>().ExecuteAsync("npm-eco",
                    new SubmitReportRequest([new ReportPackageInput("npm", package, "<=1.4.1")], title,
                        "A description.", ReporterEmail: "r@example.test"), Actor.Anonymous, Ct)).Id);
            }
            await services.GetRequiredService<TriageReport>().AcceptAsync(submitted[2], Actor.User(ids[1]), Ct);
            var db = services.GetRequiredService<VigilDbContext>();
            var soon = DateTimeOffset.UtcNow.AddDays(3);
            await db.Reports.Where(r => r.Id == submitted[2])
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.PublicationDueAt, soon), Ct);
            var late = DateTimeOffset.UtcNow.AddDays(-2);
            await db.Reports.Where(r => r.Id == submitted[0])
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.TriageDueAt, late), Ct);
            await db.Reports.Where(r => r.Id == submitted[3])
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.HeldForReview, true), Ct);
        }
        var (page, errors) = await app.NewPageAsync();

        await BrowserAccounts.SignInAsync(page, app.Root, "admin@example.test", key);
        await page.WaitForSelectorAsync("#sync-link, #admin-link");
        await page.GotoAsync(app.Root + "/programs/npm-eco/queue");
        await page.ClickAsync("#workload-link");
        await page.WaitForSelectorAsync("#state-table");

        Assert.Equal(4, await page.Locator("#deadline-table tbody tr").CountAsync());
        Assert.Equal(1, await page.Locator("#deadline-table tr.overdue").CountAsync());
        Assert.Contains("1 report held for review", await page.InnerTextAsync("#held"), StringComparison.Ordinal);
        await PageChecks.AssertLooksRightAsync(page, "the team workload", axeAtEveryWidth: true);
        Assert.Empty(errors);
    }
}
