using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Accounts;

/// <summary>Bad passkey input over plain HTTP: refused with a clear message, nothing stored, nobody signed in. (The
/// real ceremony runs in Chromium: PasskeyBrowserTests.)</summary>
public class PasskeyTests
{
    private const string Password = TestAccounts.Password;

    public static TheoryData<string> Garbage =>
        ["", "{", "not json", """{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{}}"""];

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Add_MalformedCredential_400AndNothingStored(string credential)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var session = AccountSession.For(test.Factory);
        await session.RegisterAsync("keys@example.test", Password);
        await session.ConfirmIdentityAsync("/account/passkeys");

        var (status, _, html) = await session.PostFormAsync("/account/passkeys?handler=Add",
            new Dictionary<string, string> { ["name"] = "laptop", ["credential"] = credential },
            formPage: "/account/passkeys");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("The passkey was not added",
            new HtmlParser().ParseDocument(html).QuerySelector("#problem")!.TextContent, StringComparison.Ordinal);
        await using var db = test.OpenDatabase();
        Assert.Equal(0, await db.Set<Microsoft.AspNetCore.Identity.IdentityUserPasskey<Guid>>().CountAsync(WebTest.Ct));
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task SignIn_MalformedCredential_400AndNotSignedIn(string credential)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var session = AccountSession.For(test.Factory);

        var (status, location, html) = await session.PostFormAsync("/account/login?handler=Passkey",
            new Dictionary<string, string> { ["credential"] = credential }, formPage: "/account/login");

        Assert.Equal((HttpStatusCode.BadRequest, null), (status, location));
        Assert.Contains("The passkey was not accepted",
            new HtmlParser().ParseDocument(html).QuerySelector("#problem")!.TextContent, StringComparison.Ordinal);
        using var account = await session.Client.GetAsync("/account", WebTest.Ct);
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode); // to the sign-in page
    }

    [Fact]
    public async Task Passkeys_Anonymous_RedirectedToSignIn()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);

        using var response = await AccountSession.For(test.Factory).Client.GetAsync("/account/passkeys", WebTest.Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
