using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Accounts;

/// <summary>
/// Registration with e-mail confirmation and password reset, through the real pages, a real SMTP server on loopback
/// and the links in the e-mails it received.
/// </summary>
public sealed class EmailLinkTests
{
    private const string Password = TestAccounts.Password;
    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Register_NewAddress_LinkInTheEmailWithThePasswordConfirmsAndSignsIn(DatabaseProvider provider)
    {
        await using var world = await AccountMailWorld.StartAsync(provider);
        var browser = world.Browser();
        await browser.PostFormAsync("/account/register",
            new Dictionary<string, string> { ["Email"] = "ada@example.test", ["Password"] = Password });
        var (path, user, token) = AccountMailWorld.Link(await world.MailToAsync("ada@example.test"));
        var beforeConfirming = await Problem(
            browser.PostFormAsync("/account/login",
                new Dictionary<string, string> { ["Email"] = "ada@example.test", ["Password"] = Password }));

        // Someone who clicks the link without the password (the address's owner, when a stranger registered it) gets
        // nothing.
        var withoutPassword = await Problem(browser.PostFormAsync(path, Link(user, token, "not the password at all")));
        var (status, location, _) = await browser.PostFormAsync(path, Link(user, token, Password));
        var me = await browser.JsonAsync(HttpMethod.Get, "/api/me");
        var again = await Problem(world.Browser().PostFormAsync(path, Link(user, token, Password)));

        Assert.Equal("/account/confirm-email", path);
        Assert.Equal((HttpStatusCode.BadRequest, Web.Pages.Account.LoginModel.Unconfirmed), beforeConfirming);
        Assert.Equal((HttpStatusCode.BadRequest, Web.Pages.Account.ConfirmEmailModel.Failed), withoutPassword);
        Assert.Equal((HttpStatusCode.Redirect, "/account"), (status, location));
        Assert.Equal("ada@example.test", (string?)me!["email"]);
        // the link works once
        Assert.Equal((HttpStatusCode.BadRequest, Web.Pages.Account.ConfirmEmailModel.Failed), again);
    }

    [Fact]
    public async Task Register_KnownAndUnknownAddress_SameAnswerAndSameHashing_TakenAddressGetsANote()
    {
        await using var world = await AccountMailWorld.StartAsync(DatabaseProvider.Sqlite);
        await world.Browser().RegisterAsync("taken@example.test", Password);
        await world.MailToAsync("taken@example.test"); // its confirmation link

        var before = world.Hasher.Work;
        var known = await world.Browser()
            .PostFormAsync("/account/register",
                new Dictionary<string, string>
                {
                    ["Email"] = "taken@example.test",
                    ["Password"] = "another long password"
                });
        var afterKnown = world.Hasher.Work;
        var unknown = await world.Browser()
            .PostFormAsync("/account/register",
                new Dictionary<string, string>
                {
                    ["Email"] = "fresh@example.test",
                    ["Password"] = "another long password"
                });
        var afterUnknown = world.Hasher.Work;
        var note = await world.MailToAsync("taken@example.test");
        var confirmation = await world.MailToAsync("fresh@example.test");

        Assert.Equal(HttpStatusCode.OK, known.Status);
        Assert.Equal((known.Status, known.Location), (unknown.Status, unknown.Location));
        Assert.Equal(AccountMailWorld.WithoutFormToken(known.Html), AccountMailWorld.WithoutFormToken(unknown.Html));
        Assert.Contains("id=\"check-email\"", known.Html, StringComparison.Ordinal);
        // Both paths hash the given password once and verify nothing: the same work, so the same time.
        Assert.Equal((1, 0), (afterKnown.Hashes - before.Hashes, afterKnown.Verifications - before.Verifications));
        Assert.Equal((1, 0),
            (afterUnknown.Hashes - afterKnown.Hashes, afterUnknown.Verifications - afterKnown.Verifications));
        Assert.Equal("Someone tried to register with your address", note.Subject);
        Assert.Contains("https://vigil.example.test/account/reset-password", note.TextBody, StringComparison.Ordinal);
        Assert.Equal("Confirm your e-mail address", confirmation.Subject);
        // The taken address's password did not change.
        Assert.Equal(HttpStatusCode.Redirect,
            (await world.Browser().LoginAsync("taken@example.test", Password)).Status);
    }

    [Fact]
    public async Task Register_WeakPassword_SameRefusalForKnownAndUnknown()
    {
        await using var world = await AccountMailWorld.StartAsync(DatabaseProvider.Sqlite, mail: false);
        await world.Browser().RegisterAsync("taken@example.test", Password);

        var known = await world.Browser()
            .PostFormAsync("/account/register",
                new Dictionary<string, string> { ["Email"] = "taken@example.test", ["Password"] = "short" });
        var unknown = await world.Browser()
            .PostFormAsync("/account/register",
                new Dictionary<string, string> { ["Email"] = "fresh@example.test", ["Password"] = "short" });

        Assert.Equal(HttpStatusCode.BadRequest, known.Status);
        Assert.Equal(unknown.Status, known.Status);
        Assert.Equal(
            AccountMailWorld.WithoutFormToken(known.Html).Replace("taken@", "fresh@", StringComparison.Ordinal),
            AccountMailWorld.WithoutFormToken(unknown.Html));
    }

    [Fact]
    public async Task ResetPassword_KnownAndUnknownAddress_SameAnswer_LinkSetsPasswordOnceAndEndsOtherSessions()
    {
        await using var world = await AccountMailWorld.StartAsync(DatabaseProvider.Sqlite);
        var laptop = world.Browser();
        await laptop.RegisterAsync("lin@example.test", Password);
        await world.MailToAsync("lin@example.test"); // its confirmation link

        var before = world.Hasher.Work;
        var known = await world.Browser()
            .PostFormAsync("/account/reset-password",
                new Dictionary<string, string> { ["Email"] = "lin@example.test" });
        var unknown = await world.Browser()
            .PostFormAsync("/account/reset-password",
                new Dictionary<string, string> { ["Email"] = "nobody@example.test" });
        var after = world.Hasher.Work;
        var resetMail = await world.MailToAsync("lin@example.test");
        var noAccount = await world.MailToAsync("nobody@example.test");
        var (path, user, token) = AccountMailWorld.Link(resetMail);
        var phone = world.Browser();
        var (status, _, html) = await phone.PostFormAsync(path, Link(user, token, "a brand new passphrase"));
        var replay = await Problem(world.Browser().PostFormAsync(path, Link(user, token, "yet another passphrase")));

        Assert.Equal(HttpStatusCode.OK, known.Status);
        Assert.Equal((known.Status, AccountMailWorld.WithoutFormToken(known.Html)),
            (unknown.Status, AccountMailWorld.WithoutFormToken(unknown.Html)));
        Assert.Equal(before, after); // neither path hashes a password
        Assert.Equal(("Set a new password", "No account for this address"), (resetMail.Subject, noAccount.Subject));
        Assert.Equal("/account/new-password", path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"password-set\"", html, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, Web.Pages.Account.NewPasswordModel.Failed), replay);
        // The session that was signed in before ends; the old password no longer works; the new one does.
        using var page = await laptop.Client.GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/account/login", page.Headers.Location!.ToString(),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await world.Browser().LoginAsync("lin@example.test", Password)).Status);
        Assert.Equal((HttpStatusCode.Redirect, "/account"),
            await world.Browser().LoginAsync("lin@example.test", "a brand new passphrase"));
    }

    [Fact]
    public async Task ResetPassword_LinkOlderThanAnHour_Refused_UnconfirmedAccountConfirmedByAReset()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var world = await AccountMailWorld.StartAsync(DatabaseProvider.Sqlite, mail: false);
        var factory = world.Factory.WithWebHostBuilder(
            b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var browser = AccountSession.For(factory);
        await browser.PostFormAsync("/account/register",
            new Dictionary<string, string> { ["Email"] = "late@example.test", ["Password"] = Password });
        string old, fresh;
        Guid id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
            var user = (await users.FindByEmailAsync("late@example.test"))!;
            id = user.Id;
            old = await users.GeneratePasswordResetTokenAsync(user);
            clock.Advance(AccountLinkTokenProvider.Lifetime(AccountLinkTokenProvider.ResetPasswordPurpose));
        }
        var expired = await Problem(
            browser.PostFormAsync("/account/new-password", Link(id.ToString(), old, "a brand new passphrase")));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
            fresh = await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(id.ToString()))!);
        }
        var (status, _, _) = await browser.PostFormAsync("/account/new-password",
            Link(id.ToString(), fresh, "a brand new passphrase"));

        Assert.Equal((HttpStatusCode.BadRequest, Web.Pages.Account.NewPasswordModel.Failed), expired);
        Assert.Equal(HttpStatusCode.OK, status);
        // The reset link proved the mailbox, so the account, never confirmed before, now signs in.
        Assert.Equal((HttpStatusCode.Redirect, "/account"),
            await browser.LoginAsync("late@example.test", "a brand new passphrase"));
    }

    [Fact]
    public async Task SignIn_UnconfirmedAccount_WrongPasswordAnswersLikeAnUnknownAddress()
    {
        await using var world = await AccountMailWorld.StartAsync(DatabaseProvider.Sqlite, mail: false);
        await world.Browser()
            .PostFormAsync("/account/register",
                new Dictionary<string, string> { ["Email"] = "new@example.test", ["Password"] = Password });
        // the decoy hash is made once per process
        await world.Browser().LoginAsync("first@example.test", "wrong password");

        var before = world.Hasher.Work;
        var unconfirmed = await Problem(
            world.Browser()
                .PostFormAsync("/account/login",
                    new Dictionary<string, string>
                    {
                        ["Email"] = "new@example.test",
                        ["Password"] = "wrong password"
                    }));
        var middle = world.Hasher.Work;
        var unknown = await Problem(
            world.Browser()
                .PostFormAsync("/account/login",
                    new Dictionary<string, string>
                    {
                        ["Email"] = "nobody@example.test",
                        ["Password"] = "wrong password"
                    }));
        var after = world.Hasher.Work;
        var noMail = await world.Browser()
            .PostFormAsync("/account/register",
                new Dictionary<string, string> { ["Email"] = "other@example.test", ["Password"] = Password });

        Assert.Equal((HttpStatusCode.BadRequest, Web.Pages.Account.LoginModel.Failed), unconfirmed);
        Assert.Equal(unknown, unconfirmed);
        Assert.Equal((0, 1), (middle.Hashes - before.Hashes, middle.Verifications - before.Verifications));
        Assert.Equal((0, 1), (after.Hashes - middle.Hashes, after.Verifications - middle.Verifications));
        // Without an SMTP server the page says so instead of promising a message.
        Assert.Contains("id=\"no-mail\"", noMail.Html, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Link(string user, string token, string password) =>
        new() { ["User"] = user, ["Token"] = token, ["Password"] = password };

    private static async Task<(HttpStatusCode Status, string Problem)> Problem(
        Task<(HttpStatusCode Status, string? Location, string Html)> posting)
    {
        var (status, _, html) = await posting;
        var document = new HtmlParser().ParseDocument(html);
        return (status,
            (document.QuerySelector("[role=alert] li") ?? document.QuerySelector("[role=alert]"))?.TextContent.Trim()
                ?? "");
    }
}
