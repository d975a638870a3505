using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Admin;

/// <summary>The web UI for the admin role (programs, team, policy) — the administration pages through real form
/// posts.</summary>
public class ProgramAdminPagesTests
{
    private const string Password = TestAccounts.Password;

    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InstanceAdmin_CreateProgramSetPolicyTeamMaintainersWebhooks_ThroughTheForms(
        DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var teammate = AccountSession.For(test.Factory);
        await teammate.RegisterAsync("mate@example.test", Password);
        var admin = await SignInAsync(test, "root@example.test", instanceAdmin: true, twoFactor: true);

        var account = await admin.Client.GetStringAsync("/account", Ct);
        var created = await admin.PostFormAsync("/admin/programs", new Dictionary<string, string>
        {
            ["Slug"] = "npm-eco",
            ["Name"] = "npm ecosystem",
            ["AdvisoryIdPrefix"] = "NPMSEC",
            ["ScopeEcosystems"] = "npm",
        });
        var wrong = await admin.PostFormAsync("/admin/programs/npm-eco?handler=Policy",
            Policy(triage: "2", zone: "Mars/Olympus_Mons", publication: "90"), "/admin/programs/npm-eco");
        var unchanged = await ViewAsync(test, "npm-eco");
        var lateReminder = await admin.PostFormAsync("/admin/programs/npm-eco?handler=Policy",
            new Dictionary<string, string>(Policy(triage: "3", zone: "UTC", publication: "90"))
            {
                ["Policy.MaintainerReminderBusinessDays"] = "2, 9",
            },
            "/admin/programs/npm-eco");
        var saved = await admin.PostFormAsync("/admin/programs/npm-eco?handler=Policy",
            Policy(triage: "3", zone: "Europe/Berlin", publication: "90"), "/admin/programs/npm-eco");
        var member = await admin.PostFormAsync("/admin/programs/npm-eco?handler=AddMember",
            new Dictionary<string, string> { ["email"] = "mate@example.test", ["role"] = "triager" },
            "/admin/programs/npm-eco");
        var maintainer = await admin.PostFormAsync("/admin/programs/npm-eco?handler=AddMaintainer",
            new Dictionary<string, string>
            {
                ["ecosystem"] = "npm",
                ["name"] = "deep-merge",
                ["email"] = "dm@example.test",
                ["accountEmail"] = ""
            },
            "/admin/programs/npm-eco");
        var webhook = await admin.PostFormAsync("/admin/programs/npm-eco?handler=AddWebhook",
            new Dictionary<string, string>
            {
                ["url"] = "https://hooks.example.test/in",
                ["events"] = "report.received"
            },
            "/admin/programs/npm-eco");
        var page = await admin.Client.GetStringAsync("/admin/programs/npm-eco", Ct);
        var stored = await ViewAsync(test, "npm-eco");

        Assert.Contains("id=\"admin-link\"", account, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, "/admin/programs/npm-eco"), (created.Status, created.Location));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        var problem = Html(wrong.Html).QuerySelector("#problem-policy")!.TextContent;
        Assert.Contains("timeZone", problem, StringComparison.Ordinal);
        Assert.Equal("Mars/Olympus_Mons", Html(wrong.Html).QuerySelector("#p-zone")!.GetAttribute("value"));
        Assert.Equal((2, 45, "UTC"), (unchanged.TriageBusinessDays, unchanged.PublicationDays, unchanged.TimeZone));
        Assert.Equal([3, 7], unchanged.MaintainerReminderBusinessDays);
        Assert.Equal(10, unchanged.MaintainerEscalationBusinessDays);
        Assert.Equal(HttpStatusCode.BadRequest, lateReminder.Status);
        Assert.Contains("maintainerReminderBusinessDays[1]",
            Html(lateReminder.Html).QuerySelector("#problem-policy")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2, 9", Html(lateReminder.Html).QuerySelector("#p-maintainer-reminders")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal((3, 90, "Europe/Berlin", false),
            (stored.TriageBusinessDays, stored.PublicationDays, stored.TimeZone, stored.PublishAtDeadline));
        Assert.Equal(["2026-12-24", "2026-12-25"], stored.Holidays);
        Assert.Equal([24, 4], stored.ReminderHours);
        Assert.Equal([2, 5], stored.MaintainerReminderBusinessDays);
        Assert.Equal(8, stored.MaintainerEscalationBusinessDays);
        Assert.Equal(("2, 5", "8"), (Html(page).QuerySelector("#p-maintainer-reminders")!.GetAttribute("value"),
            Html(page).QuerySelector("#p-maintainer-escalation")!.GetAttribute("value")));
        Assert.Equal(["CVE-2026-50001"], stored.ReservedCveIds);
        Assert.False(unchanged.RequireProofOfConcept);
        Assert.True(stored.RequireProofOfConcept);
        Assert.Equal("checked", Html(page).QuerySelector("#p-require-poc")!.GetAttribute("checked"));
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (member.Status, maintainer.Status));
        Assert.Contains(stored.Members, m => m is { Email: "mate@example.test", Role: "triager" });
        Assert.Equal("deep-merge", Assert.Single(stored.Maintainers).Name);
        Assert.Equal(HttpStatusCode.OK, webhook.Status);
        var secret = Html(webhook.Html).QuerySelector("#webhook-secret")!.TextContent;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(["report.received"], Assert.Single(stored.Webhooks).Events);
        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        Assert.Contains("mate@example.test", Html(page).QuerySelector("#member-list")!.TextContent,
            StringComparison.Ordinal);

        var removals = new List<HttpStatusCode>();
        foreach (var (handler, field, value) in new[]
        {
            ("RemoveMember", "userId", stored.Members.Single(m => m.Email == "mate@example.test").UserId.ToString()),
            ("RemoveMaintainer", "id",
                stored.Maintainers[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("RemoveWebhook", "id", stored.Webhooks[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        })
        {
            removals.Add(
                (await admin.PostFormAsync($"/admin/programs/npm-eco?handler={handler}",
                    new Dictionary<string, string> { [field] = value }, "/admin/programs/npm-eco")).Status);
        }
        var emptied = await ViewAsync(test, "npm-eco");
        Assert.All(removals, s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Empty(emptied.Members);
        Assert.Empty(emptied.Maintainers);
        Assert.Empty(emptied.Webhooks);
    }

    [Theory]
    [InlineData("", "npm", "slug")]
    [InlineData("Not A Slug", "npm", "slug")]
    [InlineData("fresh", "PyPI", "scopeEcosystems[0]")]
    [InlineData("npm-eco", "npm", "already exists")]
    public async Task CreateForm_WrongOrDuplicate_ProblemNextToTheForm(string slug, string ecosystem, string expected)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        await CreateProgramAsync(test);
        var admin = await SignInAsync(test, "root@example.test", instanceAdmin: true, twoFactor: true);

        var answer = await admin.PostFormAsync("/admin/programs", new Dictionary<string, string>
        {
            ["Slug"] = slug,
            ["Name"] = "Another",
            ["AdvisoryIdPrefix"] = "ANOTHER",
            ["ScopeEcosystems"] = ecosystem,
        });

        Assert.True(answer.Status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, answer.Status.ToString());
        Assert.Contains(expected, Html(answer.Html).QuerySelector("#problem-create")!.TextContent,
            StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, await ProgramCountAsync(test));
    }

    public enum Outsider
    {
        Stranger, Triager, OtherProgramAdmin, InstanceAdminWithoutTwoFactor,
        ProgramAdminWithoutTwoFactor
    }

    [Theory]
    [InlineData(Outsider.Stranger)]
    [InlineData(Outsider.Triager)]
    [InlineData(Outsider.OtherProgramAdmin)]
    [InlineData(Outsider.InstanceAdminWithoutTwoFactor)]
    [InlineData(Outsider.ProgramAdminWithoutTwoFactor)]
    public async Task Outsider_PagesAndFormPosts_404AndNothingChanges(Outsider outsider)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        await CreateProgramAsync(test);
        var twoFactor = outsider is not (Outsider.InstanceAdminWithoutTwoFactor
            or Outsider.ProgramAdminWithoutTwoFactor);
        var session = await SignInAsync(test, "someone@example.test",
            instanceAdmin: outsider == Outsider.InstanceAdminWithoutTwoFactor, twoFactor);
        var role = outsider switch
        {
            Outsider.Triager => ("npm-eco", ProgramRole.Triager),
            Outsider.OtherProgramAdmin => ("core", ProgramRole.Admin),
            Outsider.ProgramAdminWithoutTwoFactor => ("npm-eco", ProgramRole.Admin),
            _ => ((string, ProgramRole)?)null,
        };
        if (role is var (slug, programRole))
        {
            await UseCaseAsync(test,
                (db, user) => new AddProgramMember(db, TimeProvider.System).ExecuteAsync(slug, user, programRole, Ct),
                "someone@example.test");
        }
        var before = await ViewAsync(test, "npm-eco");

        using var edit = await session.Client.GetAsync("/admin/programs/npm-eco", Ct);
        var editHtml = await edit.Content.ReadAsStringAsync(Ct);
        var policy = await session.PostFormAsync("/admin/programs/npm-eco?handler=Policy",
            Policy(triage: "9", zone: "UTC", publication: "9"), formPage: "/account");
        var member = await session.PostFormAsync("/admin/programs/npm-eco?handler=AddMember",
            new Dictionary<string, string> { ["email"] = "someone@example.test", ["role"] = "admin" },
            formPage: "/account");
        var webhook = await session.PostFormAsync("/admin/programs/npm-eco?handler=AddWebhook",
            new Dictionary<string, string> { ["url"] = "https://evil.example.test/" }, formPage: "/account");
        var create = await session.PostFormAsync("/admin/programs",
            new Dictionary<string, string> { ["Slug"] = "mine", ["Name"] = "Mine", ["AdvisoryIdPrefix"] = "MINE" },
            formPage: "/account");
        var account = await session.Client.GetStringAsync("/account", Ct);

        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.DoesNotContain("NPMSEC", editHtml, StringComparison.Ordinal);
        Assert.Equal(
            [HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            new[] { policy.Status, member.Status, webhook.Status, create.Status });
        Assert.DoesNotContain("whsec_", webhook.Html, StringComparison.Ordinal);
        Assert.Equivalent(before, await ViewAsync(test, "npm-eco"), strict: true);
        Assert.Equal(2, await ProgramCountAsync(test));
        Assert.Equal(outsider == Outsider.OtherProgramAdmin,
            account.Contains("id=\"admin-link\"", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProgramAdmin_AnotherProgramsMaintainer_NotShownAndRemoving404(DatabaseProvider provider)
    {
        // Both programs cover npm/node; npm-eco records a maintainer of it.
        await using var test = await WebTest.StartAsync(provider, seed: false);
        await CreateProgramAsync(test);
        var theirs = await new AddPackageMaintainer(test.OpenDatabase(), TimeProvider.System)
            .ExecuteAsync("npm-eco", Actor.System, "npm", "node", "npm-contact@example.test", null, Ct);
        var session = await SignInAsync(test, "core-admin@example.test", instanceAdmin: false, twoFactor: true);
        await UseCaseAsync(test,
            (db, user) =>
                new AddProgramMember(db, TimeProvider.System).ExecuteAsync("core", user, ProgramRole.Admin, Ct),
            "core-admin@example.test");

        var page = await session.Client.GetStringAsync("/admin/programs/core", Ct);
        var remove = await session.PostFormAsync("/admin/programs/core?handler=RemoveMaintainer",
            new Dictionary<string, string>
            {
                ["id"] = theirs.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            },
            "/admin/programs/core");

        Assert.DoesNotContain("npm-contact@example.test", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, remove.Status);
        Assert.Equal(theirs.Id, Assert.Single((await ViewAsync(test, "npm-eco")).Maintainers).Id);
        Assert.Empty((await ViewAsync(test, "core")).Maintainers);
    }

    [Fact]
    public async Task Anonymous_AdminPage_RedirectsToSignIn()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var anonymous = AccountSession.For(test.Factory);

        using var response = await anonymous.Client.GetAsync("/admin/programs/npm-eco", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Policy(string triage, string zone, string publication) => new()
    {
        ["Policy.Name"] = "npm ecosystem",
        ["Policy.ScopeEcosystems"] = "npm",
        ["Policy.ScopePackages"] = "",
        ["Policy.TriageBusinessDays"] = triage,
        ["Policy.PublicationDays"] = publication,
        ["Policy.TimeZone"] = zone,
        ["Policy.Holidays"] = "2026-12-25\n2026-12-24",
        ["Policy.ReminderHours"] = "4, 24",
        ["Policy.AtDeadline"] = "flag",
        ["Policy.AdvisoryIdPrefix"] = "NPMSEC",
        ["Policy.ReservedCveIds"] = "CVE-2026-50001",
        ["Policy.MaintainerReminderBusinessDays"] = "5, 2",
        ["Policy.MaintainerEscalationBusinessDays"] = "8",
        ["Policy.RequireProofOfConcept"] = "true",
    };

    /// <summary>Registers through the pages, makes the account an instance admin if asked, turns on TOTP if asked, and
    /// signs in again so the session carries both.</summary>
    internal static async Task<AccountSession> SignInAsync(WebTest test, string email, bool instanceAdmin,
        bool twoFactor)
    {
        var session = AccountSession.For(test.Factory);
        await session.RegisterAsync(email, Password);
        if (twoFactor)
        {
            await session.EnableTwoFactorAsync();
        }
        if (instanceAdmin)
        {
            using var scope = test.Factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            user.IsInstanceAdmin = true;
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }
        await session.LogoutAsync();
        var (status, location) = await session.LoginAsync(email, Password);
        if (twoFactor)
        {
            Assert.StartsWith("/account/login-2fa", location, StringComparison.Ordinal);
            var second = await session.PostFormAsync("/account/login-2fa",
                new Dictionary<string, string> { ["Code"] = session.Code() });
            Assert.Equal(HttpStatusCode.Redirect, second.Status);
        }
        else
        {
            Assert.Equal((HttpStatusCode.Redirect, "/account"), (status, location));
        }
        return session;
    }

    private static async Task CreateProgramAsync(WebTest test)
    {
        await using var db = test.OpenDatabase();
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("core", "runtime core", "CORE",
            new ProgramSettings(ScopePackages: ["npm/node"]), Ct);
    }

    private static async Task UseCaseAsync(WebTest test, Func<VigilDbContext, Guid, Task> action, string email)
    {
        using var scope = test.Factory.Services.CreateScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>().FindByEmailAsync(email))!;
        await action(scope.ServiceProvider.GetRequiredService<VigilDbContext>(), user.Id);
    }

    private static async Task<ProgramAdminView> ViewAsync(WebTest test, string slug)
    {
        await using var db = test.OpenDatabase();
        return await new GetProgramAdmin(db).ExecuteAsync(slug, Actor.System, Ct);
    }

    private static async Task<int> ProgramCountAsync(WebTest test)
    {
        await using var db = test.OpenDatabase();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Programs, Ct);
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Html(string html) => new HtmlParser().ParseDocument(html);
}
