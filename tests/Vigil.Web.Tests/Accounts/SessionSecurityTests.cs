using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Accounts;

/// <summary>
/// Factors and sessions: a factor is enrolled or shown only after a fresh proof, an enrolled key is never shown
/// again, a code works once, and signing out or changing a factor ends the account's other sessions on the
/// server. Sign-in failures answer alike whether or not the address has an account.
/// </summary>
public class SessionSecurityTests
{
    private const string Password = "a long enough password";
    private static CancellationToken Ct => WebTest.Ct;

    [Fact]
    public async Task TwoFactorPage_SignedInWithoutFreshProof_ShowsNoKeyUntilThePasswordIsConfirmed()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var session = AccountSession.For(test.Factory);
        await session.RegisterAsync("ada@example.test", Password);

        var before = await new HtmlParser().ParseDocumentAsync(await session.Client.GetStringAsync("/account/2fa", Ct),
            Ct);
        using var qrBefore = await session.Client.GetAsync("/account/2fa?handler=QrCode", Ct);
        var wrong = await session.PostFormAsync("/account/2fa?handler=Confirm",
            new Dictionary<string, string> { ["password"] = "not the password" }, formPage: "/account/2fa");
        await session.ConfirmIdentityAsync("/account/2fa");
        var after = await new HtmlParser().ParseDocumentAsync(await session.Client.GetStringAsync("/account/2fa", Ct),
            Ct);

        Assert.Null(before.QuerySelector("#shared-key"));
        Assert.NotNull(before.QuerySelector("#confirm-form"));
        Assert.Equal(HttpStatusCode.NotFound, qrBefore.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.NotNull(after.QuerySelector("#shared-key"));
    }

    [Fact]
    public async Task TwoFactorPage_AfterEnrolment_NeverShowsTheKeyAgain()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var session = AccountSession.For(test.Factory);
        await session.RegisterAsync("ada@example.test", Password);
        await session.EnableTwoFactorAsync();
        var key = session.TotpKey!;

        var confirm = await session.PostFormAsync("/account/2fa?handler=Confirm",
            new Dictionary<string, string> { ["password"] = Password }, formPage: "/account/2fa");
        var page = await session.Client.GetStringAsync("/account/2fa", Ct);
        using var qr = await session.Client.GetAsync("/account/2fa?handler=QrCode", Ct);

        Assert.DoesNotContain(key, page.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("shared-key", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, qr.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, confirm.Status); // no set-up to confirm while it is on
    }

    [Fact]
    public async Task AuthenticatorCode_UsedOnce_RefusedTheSecondTime()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var first = AccountSession.For(test.Factory);
        await first.RegisterAsync("ada@example.test", Password);
        await first.EnableTwoFactorAsync();
        var code = first.Code();

        await first.LoginAsync("ada@example.test", Password);
        var used = await first.PostFormAsync("/account/login-2fa", new Dictionary<string, string> { ["Code"] = code });
        var second = AccountSession.For(test.Factory);
        await second.LoginAsync("ada@example.test", Password);
        var replayed = await second.PostFormAsync("/account/login-2fa",
            new Dictionary<string, string> { ["Code"] = code });

        Assert.Equal(HttpStatusCode.Redirect, used.Status);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignOut_EndsTheAccountsOtherSessions(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var laptop = AccountSession.For(test.Factory);
        await laptop.RegisterAsync("ada@example.test", Password);
        var phone = AccountSession.For(test.Factory);
        await phone.LoginAsync("ada@example.test", Password);
        await phone.JsonAsync(HttpMethod.Get, "/api/me");
        Assert.Equal(200, phone.LastStatus);

        await laptop.LogoutAsync();

        await phone.JsonAsync(HttpMethod.Get, "/api/me");
        Assert.Equal(401, phone.LastStatus);
        using var page = await phone.Client.GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task EnablingTwoFactor_EndsTheAccountsOtherSessions_KeepsThisOne()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var laptop = AccountSession.For(test.Factory);
        await laptop.RegisterAsync("ada@example.test", Password);
        var stolen = AccountSession.For(test.Factory);
        await stolen.LoginAsync("ada@example.test", Password);

        await laptop.EnableTwoFactorAsync();

        await stolen.JsonAsync(HttpMethod.Get, "/api/me");
        Assert.Equal(401, stolen.LastStatus);
        var me = await laptop.JsonAsync(HttpMethod.Get, "/api/me");
        Assert.Equal(200, laptop.LastStatus);
        Assert.True(me!["twoFactorVerified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task LockedOutAccount_KeepsItsApiTokens()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var session = AccountSession.For(test.Factory);
        await session.RegisterAsync("lin@example.test", Password);
        var token = (await session.JsonAsync(HttpMethod.Post, "/api/tokens",
            """{"name":"ci","scopes":["reports:read"]}"""))!["token"]!.GetValue<string>();
        await session.LogoutAsync();

        for (var i = 0; i < 5; i++)
        {
            await session.LoginAsync("lin@example.test", "wrong password " + i);
        }
        var script = new AccountSession(test.Factory.CreateClient());
        await script.JsonAsync(HttpMethod.Get, "/api/me", bearer: token);

        Assert.Equal(200, script.LastStatus);
    }

    /// <summary>An unknown address, a wrong password and a locked account get the same answer.</summary>
    [Fact]
    public async Task SignIn_UnknownWrongAndLocked_AnswerAlike()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var owner = AccountSession.For(test.Factory);
        await owner.RegisterAsync("lin@example.test", Password);
        await owner.RegisterAsync("locked@example.test", Password);
        var attacker = AccountSession.For(test.Factory);
        for (var i = 0; i < 5; i++)
        {
            await attacker.LoginAsync("locked@example.test", "wrong password " + i);
        }

        var unknown = await SignInAsync(test, "nobody@example.test", Password);
        var wrong = await SignInAsync(test, "lin@example.test", "wrong password");
        var locked = await SignInAsync(test, "locked@example.test", Password);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, locked);
    }

    [Fact]
    public async Task SignIn_ManyFailuresFromOneAddress_ThrottledAcrossAccounts()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var owner = AccountSession.For(test.Factory);
        await owner.RegisterAsync("lin@example.test", Password);
        for (var i = 0; i < Web.Accounts.SignInThrottle.FailuresPerWindow; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest,
                (await SignInAsync(test, $"guess{i}@example.test", "wrong password")).Status);
        }

        var session = AccountSession.For(test.Factory);
        var (status, _, html) = await session.PostFormAsync("/account/login",
            new Dictionary<string, string> { ["Email"] = "lin@example.test", ["Password"] = Password });

        Assert.Equal((HttpStatusCode)429, status);
        Assert.Contains("Too many failed sign-ins", html, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Problem)> SignInAsync(WebTest test, string email,
        string password)
    {
        var session = new AccountSession(
            test.Factory.CreateClient(
                new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var (status, _, html) = await session.PostFormAsync("/account/login",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        var problem = new HtmlParser().ParseDocument(html).QuerySelector("[role=alert]")?.TextContent.Trim() ?? "";
        return (status, problem);
    }
}
