using System.Net;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Accounts;

/// <summary>Accounts through the real pages and API.</summary>
public class AccountTests
{
    private const string Password = TestAccounts.Password;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoFactor_RegisterEnableSignInWithTotp_SessionIsTwoFactor(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var session = AccountSession.For(test.Factory);
        await session.RegisterAsync("ada@example.test", Password);
        Assert.False((await session.JsonAsync(HttpMethod.Get, "/api/me"))!["twoFactorVerified"]!.GetValue<bool>());

        var recovery = await session.EnableTwoFactorAsync();
        await session.LogoutAsync();
        var (status, location) = await session.LoginAsync("ada@example.test", Password);
        var second = await session.PostFormAsync("/account/login-2fa",
            new Dictionary<string, string> { ["Code"] = session.Code() });

        Assert.Equal(10, recovery.Count);
        Assert.Equal((HttpStatusCode.Redirect, "/account/login-2fa?ReturnUrl=%2Faccount"), (status, location));
        Assert.Equal((HttpStatusCode.Redirect, "/account"), (second.Status, second.Location));
        var me = await session.JsonAsync(HttpMethod.Get, "/api/me");
        Assert.True(me!["twoFactorVerified"]!.GetValue<bool>());
        Assert.True(me["twoFactorEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TwoFactor_SetUpFromTheQrCodeAlone_TurnsOn()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var session = AccountSession.For(test.Factory);
        await session.RegisterAsync("ada@example.test", Password);
        await session.ConfirmIdentityAsync("/account/2fa");
        var page = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(
            await session.Client.GetStringAsync("/account/2fa", WebTest.Ct), WebTest.Ct);

        // What the authenticator app sees through the camera, and nothing else from the page.
        using var image = await session.Client.GetAsync(page.QuerySelector("#authenticator-qr")!.GetAttribute("src"),
            WebTest.Ct);
        var scanned = new Uri(QrCodeImage.Read(await image.Content.ReadAsByteArrayAsync(WebTest.Ct)));
        var secret = System.Web.HttpUtility.ParseQueryString(scanned.Query)["secret"]!;
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow);
        var (status, _, html) = await session.PostFormAsync("/account/2fa",
            new Dictionary<string, string> { ["Code"] = code });

        Assert.Equal(("image/png", true),
            (image.Content.Headers.ContentType?.MediaType, image.Headers.CacheControl?.NoStore));
        Assert.Equal(page.QuerySelector("#authenticator-uri")!.GetAttribute("href"), scanned.OriginalString);
        Assert.Equal(("otpauth", "totp", "Vigil"),
            (scanned.Scheme, scanned.Host, System.Web.HttpUtility.ParseQueryString(scanned.Query)["issuer"]));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("recovery-codes", html, StringComparison.Ordinal);
        Assert.True((await session.JsonAsync(HttpMethod.Get, "/api/me"))!["twoFactorEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TwoFactor_WrongCodeThenRecoveryCode_RecoveryWorksOnce()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var session = AccountSession.For(test.Factory);
        await session.RegisterAsync("grace@example.test", Password);
        var recovery = await session.EnableTwoFactorAsync();
        await session.LogoutAsync();

        await session.LoginAsync("grace@example.test", Password);
        var wrong = await session.PostFormAsync("/account/login-2fa",
            new Dictionary<string, string> { ["Code"] = "000000" });
        var viaRecovery = await session.PostFormAsync("/account/login-2fa",
            new Dictionary<string, string> { ["RecoveryCode"] = recovery[0] });
        await session.LogoutAsync();
        await session.LoginAsync("grace@example.test", Password);
        var reused = await session.PostFormAsync("/account/login-2fa",
            new Dictionary<string, string> { ["RecoveryCode"] = recovery[0] });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("not valid", wrong.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, viaRecovery.Status);
        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksTheAccount()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var session = AccountSession.For(test.Factory);
        await session.RegisterAsync("lin@example.test", Password);
        await session.LogoutAsync();

        for (var i = 0; i < 5; i++)
        {
            await session.LoginAsync("lin@example.test", "wrong password " + i);
        }
        var (status, _, html) = await session.PostFormAsync("/account/login",
            new Dictionary<string, string> { ["Email"] = "lin@example.test", ["Password"] = Password });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("locked", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("")]
    public async Task Register_WeakPassword_400SaysWhy(string password)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var session = AccountSession.For(test.Factory);

        var (status, _, html) = await session.PostFormAsync("/account/register",
            new Dictionary<string, string> { ["Email"] = "x@example.test", ["Password"] = password });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("id=\"problems\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tokens_CreateUseRevoke_SecretShownOnce(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var session = AccountSession.For(test.Factory);
        await session.RegisterAsync("tok@example.test", Password);

        var created = await session.JsonAsync(HttpMethod.Post, "/api/tokens",
            """{"name":"ci","scopes":["reports:read"],"expiresInDays":30}""");
        Assert.True(201 == session.LastStatus, created?.ToJsonString());
        var secret = created!["token"]!.GetValue<string>();
        var anonymous = new AccountSession(test.Factory.CreateClient());
        var me = await anonymous.JsonAsync(HttpMethod.Get, "/api/me", bearer: secret);
        var list = await session.JsonAsync(HttpMethod.Get, "/api/tokens");
        var viaToken = await anonymous.JsonAsync(HttpMethod.Post, "/api/tokens", """{"name":"x","scopes":["admin"]}""",
            bearer: secret);
        var forbiddenStatus = anonymous.LastStatus;
        await session.JsonAsync(HttpMethod.Delete, $"/api/tokens/{created["info"]!["id"]}");
        await anonymous.JsonAsync(HttpMethod.Get, "/api/me", bearer: secret);

        Assert.StartsWith("vgl_", secret, StringComparison.Ordinal);
        Assert.Equal("tok@example.test", me!["email"]!.GetValue<string>());
        Assert.Equal(["reports:read"], me["tokenScopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.DoesNotContain(secret, list!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(secret.Substring(4, 6), list[0]!["hint"]!.GetValue<string>());
        Assert.Equal(403, forbiddenStatus);
        Assert.Equal(401, anonymous.LastStatus);
    }

    [Fact]
    public async Task Tokens_AnotherUsersToken_404AndUnknownToken401()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var owner = AccountSession.For(test.Factory);
        await owner.RegisterAsync("owner@example.test", Password);
        var created = await owner.JsonAsync(HttpMethod.Post, "/api/tokens",
            """{"name":"mine","scopes":["reports:read"]}""");
        var other = AccountSession.For(test.Factory);
        await other.RegisterAsync("other@example.test", Password);

        await other.JsonAsync(HttpMethod.Delete, $"/api/tokens/{created!["info"]!["id"]}");
        var otherStatus = other.LastStatus;
        var anonymous = new AccountSession(test.Factory.CreateClient());
        var problem = await anonymous.JsonAsync(HttpMethod.Get, "/api/me", bearer: "vgl_" + new string('A', 43));

        Assert.Equal(404, otherStatus);
        Assert.Equal(401, anonymous.LastStatus);
        Assert.Contains("unknown, revoked or expired", problem!["detail"]!.GetValue<string>(),
            StringComparison.Ordinal);
        await anonymous.JsonAsync(HttpMethod.Get, "/api/me");
        Assert.Equal(401, anonymous.LastStatus);
    }
}
