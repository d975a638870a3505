using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Vigil.Core.Accounts;
using Vigil.Core.Programs;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>
/// The disclosure journey in headless Chromium: an anonymous report with an attachment, a triager who
/// registers, turns on two-factor with a TOTP code and accepts it from the queue, a maintainer invited by
/// e-mail who opens the e-mailed link, registers, accepts and marks the fix, publication, and the advisory
/// then served to npm's bulk audit endpoint with its range ending at the fix. Three browser contexts:
/// the reporter's, the triager's and the maintainer's.
/// </summary>
public class DisclosureBrowserTests
{
    private const string Password = TestAccounts.Password;

    [Fact]
    public async Task Journey_AnonymousReport_TriagedAndPublished_ReachesNpmAudit()
    {
        await using var app = await BrowserApp.StartAsync();
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<CreateProgram>().ExecuteAsync(
                "npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"], RequireProofOfConcept: true),
                TestContext.Current.CancellationToken);
        }

        // The reporter, anonymous.
        var (reporter, reporterErrors) = await app.NewPageAsync();
        await reporter.GotoAsync(app.Root + "/programs");
        await PageChecks.AssertLooksRightAsync(reporter, "the program directory");
        await reporter.GotoAsync(app.Root + "/reports/new");
        await PageChecks.AssertLooksRightAsync(reporter, "the report form", axeAtEveryWidth: true);
        // The program's policy stands beside the form at 1280 px.
        Assert.Contains("2 business days", await reporter.TextContentAsync("#program-policy"),
            StringComparison.Ordinal);
        var form = (await reporter.Locator("#report-form").BoundingBoxAsync())!;
        var policy = (await reporter.Locator("#program-policy").BoundingBoxAsync())!;
        Assert.True(policy.X >= form.X + form.Width,
            $"the policy ({policy.X}) is not beside the form (ends at {form.X + form.Width})");
        // The program requires a proof of concept: the form says which form it takes, beside the field.
        Assert.Equal("poc-hint", await reporter.GetAttributeAsync("#poc", "aria-describedby"));
        Assert.Contains("numbered steps", await reporter.TextContentAsync("#poc-hint"), StringComparison.Ordinal);
        await reporter.FillAsync("#package", "browser-merge");
        await reporter.FillAsync("#versions", "2.0.0 - 1.0.0");
        await reporter.FillAsync("#title", "Prototype pollution in browser-merge");
        await reporter.FillAsync("#description", "Merging `__proto__` pollutes.");
        await reporter.FillAsync("#poc", "merge({}, payload)");
        var pocFile = new FilePayload
        {
            Name = "poc.js",
            MimeType = "text/javascript",
            Buffer = "merge({}, JSON.parse(payload));\n"u8.ToArray()
        };
        await reporter.SetInputFilesAsync("#attachments", pocFile);
        await reporter.ClickAsync("#report-form button[type=submit]");
        // A range that names no version: the problem beside its field, by its label; the chosen file is named, to
        // choose again.
        await reporter.WaitForSelectorAsync("#versions-error");
        Assert.Equal("true", await reporter.GetAttributeAsync("#versions", "aria-invalid"));
        Assert.Contains("versions-error", await reporter.GetAttributeAsync("#versions", "aria-describedby"),
            StringComparison.Ordinal);
        Assert.Contains("Affected versions", await reporter.TextContentAsync("#problems a[href='#versions']"),
            StringComparison.Ordinal);
        Assert.DoesNotContain("packages[0]", await reporter.TextContentAsync("main"), StringComparison.Ordinal);
        Assert.Contains("poc.js", await reporter.TextContentAsync("#attachments-again"), StringComparison.Ordinal);
        // A proof of concept without a code block or steps: refused beside its field too.
        Assert.Equal("true", await reporter.GetAttributeAsync("#poc", "aria-invalid"));
        Assert.Equal("poc-hint poc-error", await reporter.GetAttributeAsync("#poc", "aria-describedby"));
        Assert.Contains("no code block and no numbered steps", await reporter.TextContentAsync("#poc-error"),
            StringComparison.Ordinal);
        Assert.Equal("Prototype pollution in browser-merge", await reporter.InputValueAsync("#title"));
        var versionsBox = (await reporter.Locator("#versions").BoundingBoxAsync())!;
        var errorBox = (await reporter.Locator("#versions-error").BoundingBoxAsync())!;
        Assert.True(
            errorBox.Y >= versionsBox.Y + versionsBox.Height && errorBox.Y - (versionsBox.Y + versionsBox.Height) < 40,
            "the error is not right under its field");
        await PageChecks.AssertLooksRightAsync(reporter, "the report form with a problem", axeAtEveryWidth: true);
        // the form's answer, as intended
        Assert.Single(reporterErrors, e => e.Contains("status of 400", StringComparison.Ordinal));
        reporterErrors.Clear();
        await reporter.FillAsync("#versions", "<=2.0.0");
        await reporter.FillAsync("#poc", "1. npm install browser-merge@2.0.0\n2. merge({}, JSON.parse(payload))");
        await reporter.SetInputFilesAsync("#attachments", pocFile);
        await reporter.ClickAsync("#report-form button[type=submit]");
        await reporter.WaitForSelectorAsync("#followup-token");
        Assert.StartsWith("vfu_", await reporter.TextContentAsync("#followup-token"), StringComparison.Ordinal);
        await reporter.ClickAsync("#report-link");
        await PageChecks.ArrivedAsync(reporter, "**/reports/*");
        var reportUrl = reporter.Url;
        Assert.Equal("new", await reporter.GetAttributeAsync("#report-state", "data-state"));
        Assert.Equal("poc.js", await reporter.TextContentAsync("#attachment-list a"));
        await PageChecks.AssertLooksRightAsync(reporter, "the reporter's report page");

        // The triager registers, turns on two-factor, and is put on the team (as `vigil admin program add-member`
        // does).
        var (triager, triagerErrors) = await app.NewPageAsync();
        await triager.GotoAsync(app.Root + "/account/register");
        await triager.FillAsync("#email", "tri@example.test");
        await triager.FillAsync("#password", Password);
        await triager.ClickAsync("#register-form button[type=submit]");
        await triager.WaitForSelectorAsync("#check-email");
        // as the e-mailed link would
        await Vigil.Web.Tests.Accounts.AccountSession.ConfirmInStoreAsync(app.Services, "tri@example.test");
        await triager.GotoAsync(app.Root + "/account/login");
        await triager.FillAsync("#email", "tri@example.test");
        await triager.FillAsync("#password", Password);
        await triager.ClickAsync("#login-form button[type=submit]");
        await PageChecks.ArrivedAsync(triager, "**/account");
        await triager.GotoAsync(app.Root + "/account/2fa");
        await triager.FillAsync("#confirm-password", Password); // setting up a factor asks for the password again
        await triager.ClickAsync("#confirm-form button[type=submit]");
        await triager.WaitForSelectorAsync("#shared-key");
        var key = (await triager.TextContentAsync("#shared-key"))!.Replace(" ", "", StringComparison.Ordinal)
            .ToUpperInvariant();
        await triager.FillAsync("#code", new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow));
        await triager.ClickAsync("#verify-form button[type=submit]");
        await triager.WaitForSelectorAsync("#recovery-codes");
        using (var scope = app.Services.CreateScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>()
                .FindByEmailAsync("tri@example.test");
            await scope.ServiceProvider.GetRequiredService<AddProgramMember>()
                .ExecuteAsync("npm-eco", user!.Id, ProgramRole.Triager, TestContext.Current.CancellationToken);
        }

        await triager.GotoAsync(app.Root + "/programs/npm-eco/queue");
        await PageChecks.AssertLooksRightAsync(triager, "the team's queue");
        await triager.GetByRole(AriaRole.Link,
            new() { NameRegex = new System.Text.RegularExpressions.Regex("Prototype pollution in browser-merge") })
                .ClickAsync();
        await PageChecks.ArrivedAsync(triager, reportUrl);
        // The team asks; the question stands out on the reporter's page with a prompt to answer it.
        await triager.FillAsync("#question", "Which Node.js versions did you try?");
        await triager.ClickAsync("#team-actions form:has(#question) button");
        await triager.WaitForSelectorAsync("#flash");
        Assert.Contains("question is sent", await triager.TextContentAsync("#flash"), StringComparison.Ordinal);
        Assert.Null(await triager.QuerySelectorAsync("#decline-credit")); // no credit of theirs to decline
        await reporter.ReloadAsync();
        Assert.Contains("Which Node.js versions", await reporter.TextContentAsync("#open-question"),
            StringComparison.Ordinal);
        await PageChecks.AssertLooksRightAsync(reporter, "the reporter's page with the team's question");
        await reporter.ClickAsync("#answer-question");
        await reporter.FillAsync("#comment", "Node.js 20 and 22.");
        await reporter.ClickAsync("#comment-form button[type=submit]");
        await reporter.WaitForSelectorAsync("#flash");
        Assert.Equal("new", await reporter.GetAttributeAsync("#report-state", "data-state"));
        Assert.Null(await reporter.QuerySelectorAsync("#open-question"));

        await triager.ReloadAsync();
        await triager.ClickAsync("#accept");
        await triager.WaitForSelectorAsync("#publish");
        Assert.Equal("accepted", await triager.GetAttributeAsync("#report-state", "data-state"));
        Assert.Contains("accepted", await triager.TextContentAsync("#flash"), StringComparison.Ordinal);
        await PageChecks.AssertLooksRightAsync(triager, "the triager's report page");

        // The triager invites the maintainer by e-mail. No mail server is set up: the page says so and shows the link,
        // on the host the triager uses. Inviting the same address again renews the one invitation.
        await triager.FillAsync("#invite-email", "dev@browser-merge.test");
        await triager.ClickAsync("#invite");
        await triager.WaitForSelectorAsync("#report-state[data-state=maintainers-notified]");
        Assert.Contains("No e-mail was sent", await triager.TextContentAsync("#flash"), StringComparison.Ordinal);
        var firstLink = await triager.InputValueAsync("#flash-link");
        Assert.StartsWith(app.Root + "/reports/", firstLink, StringComparison.Ordinal);
        await PageChecks.AssertLooksRightAsync(triager, "the triager's page after inviting");
        await triager.FillAsync("#invite-email", "Dev@browser-merge.test");
        await triager.ClickAsync("#invite");
        await triager.WaitForSelectorAsync("#flash-link");
        Assert.Contains("replaces the earlier one", await triager.TextContentAsync("#flash"), StringComparison.Ordinal);
        var invitation = await triager.InputValueAsync("#flash-link");
        Assert.NotEqual(firstLink, invitation);
        Assert.Equal(1, await triager.Locator("#participants tr[data-part=maintainer]").CountAsync());
        await triager.ReloadAsync();
        Assert.Null(await triager.QuerySelectorAsync("#flash")); // shown once
        var (maintainer, maintainerErrors) = await app.NewPageAsync();
        // the e-mailed link, when mail is set up
        Assert.EndsWith(await InvitationPathAsync(app), invitation, StringComparison.Ordinal);
        await maintainer.GotoAsync(invitation);
        await maintainer.ClickAsync("#register");
        await maintainer.FillAsync("#email", "dev@browser-merge.test");
        await maintainer.FillAsync("#password", Password);
        await maintainer.ClickAsync("#register-form button[type=submit]");
        await maintainer.WaitForSelectorAsync("#check-email");
        // as the e-mailed link would
        await Vigil.Web.Tests.Accounts.AccountSession.ConfirmInStoreAsync(app.Services, "dev@browser-merge.test");
        await maintainer.GotoAsync(app.Root + "/account/login");
        await maintainer.FillAsync("#email", "dev@browser-merge.test");
        await maintainer.FillAsync("#password", Password);
        await maintainer.ClickAsync("#login-form button[type=submit]");
        await PageChecks.ArrivedAsync(maintainer, "**/account");
        await maintainer.GotoAsync(invitation);
        await maintainer.WaitForSelectorAsync("#accept-invitation");
        await maintainer.ClickAsync("#accept-invitation");
        await PageChecks.ArrivedAsync(maintainer, reportUrl);
        Assert.Contains("you are the maintainer", await maintainer.TextContentAsync(".kicker"),
            StringComparison.Ordinal);
        // Who takes part, by part and date in words; addresses are the team's alone.
        var parts = await maintainer.TextContentAsync("#participants");
        Assert.Contains("Maintainer", parts, StringComparison.Ordinal);
        Assert.Contains(DateTime.UtcNow.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), parts,
            StringComparison.Ordinal);
        Assert.DoesNotContain("@", parts, StringComparison.Ordinal);
        Assert.Null(await maintainer.QuerySelectorAsync("#decline-credit"));
        await PageChecks.AssertLooksRightAsync(maintainer, "the maintainer's report page");
        await maintainer.ClickAsync("#fix-started");
        await maintainer.WaitForSelectorAsync("#fixed-0");
        await maintainer.FillAsync("#fixed-0", "2.0.1");
        await maintainer.ClickAsync("#mark-fixed");
        await maintainer.WaitForSelectorAsync("#report-state[data-state=fixed]");

        // Publishing: a check of exactly what will be published, with a warning for the agreed date still ahead.
        await triager.ReloadAsync();
        await triager.FillAsync("#disclosure-date",
            DateTime.UtcNow.AddDays(10)
                .ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await triager.ClickAsync("#disclosure-form button[type=submit]");
        await triager.WaitForSelectorAsync("#flash");
        await triager.ClickAsync("#publish");
        await PageChecks.ArrivedAsync(triager, reportUrl + "/publish");
        Assert.Equal("<2.0.1", await triager.TextContentAsync(".affected-range"));
        Assert.Equal(">=2.0.1", await triager.TextContentAsync(".patched"));
        Assert.NotNull(await triager.QuerySelectorAsync("#warn-disclosure"));
        var expectedId = await triager.TextContentAsync("#publish-id");
        await PageChecks.AssertLooksRightAsync(triager, "the publication check");
        await triager.CheckAsync("#publish-anyway");
        await triager.ClickAsync("#confirm-publish");
        await triager.WaitForSelectorAsync("#advisory-link");
        Assert.Contains($"Published as {expectedId}", await triager.TextContentAsync("#flash"),
            StringComparison.Ordinal);
        var advisoryId = (await triager.TextContentAsync("#advisory-link"))!;

        // The reporter sees it published; the advisory page is public.
        await reporter.ReloadAsync();
        Assert.Equal("published", await reporter.GetAttributeAsync("#report-state", "data-state"));
        await reporter.ClickAsync("#advisory-link");
        await PageChecks.ArrivedAsync(reporter, $"**/advisories/{advisoryId}");
        Assert.Equal(advisoryId, await reporter.TextContentAsync("h1"));
        await PageChecks.AssertLooksRightAsync(reporter, "the published advisory");
        await triager.ReloadAsync();
        await PageChecks.AssertLooksRightAsync(triager, "the team's page of the published report");

        // npm's bulk audit request (what `npm audit` sends) now reports it, up to the fix.
        using var http = new HttpClient();
        using var response = await http.PostAsync(app.Root + "/-/npm/v1/security/advisories/bulk",
            new StringContent("""{"browser-merge":["2.0.0","3.1.0"]}""", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        var bulk = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.EndsWith($"/advisories/{advisoryId}", bulk["browser-merge"]![0]!["url"]!.GetValue<string>(),
            StringComparison.Ordinal);
        Assert.Equal("<2.0.1", bulk["browser-merge"]![0]!["vulnerable_versions"]!.GetValue<string>());
        Assert.True(reporterErrors.Count == 0, string.Join("\n", reporterErrors));
        Assert.True(triagerErrors.Count == 0, string.Join("\n", triagerErrors));
        Assert.True(maintainerErrors.Count == 0, string.Join("\n", maintainerErrors));
    }

    /// <summary>The latest invitation link as e-mailed (read from the outbox), as a path on the test server.</summary>
    private static async Task<string> InvitationPathAsync(BrowserApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Vigil.Core.Data.VigilDbContext>();
        var mail = Vigil.Core.Notifications.OutboxSeal.Opened(
            scope.ServiceProvider.GetRequiredService<Vigil.Core.Reports.ReportVault>(),
            await db.OutboxMessages.AsNoTracking()
            .Where(
                m =>
                    m.EventType == Vigil.Core.Notifications.NotificationEvent.MaintainerInvited
                        && m.Kind == Vigil.Core.Notifications.OutboxKind.Email)
            .OrderByDescending(m => m.Id).FirstAsync(TestContext.Current.CancellationToken));
        return System.Text.RegularExpressions.Regex.Match(mail.TextBody,
            @"/reports/\d+/invitation#token=[A-Za-z0-9_%-]+").Value;
    }
}
