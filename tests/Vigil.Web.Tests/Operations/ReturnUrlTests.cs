using System.Net;
using Vigil.Core.Data;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// Where sign-in sends the browser: a local path only, by LocalRedirect's own rule. A control character after the
/// first slash (a browser drops it: <c>/&lt;tab&gt;/evil.example</c> is <c>//evil.example</c>) is not local, and
/// answered the account page instead of a 500 from LocalRedirect.
/// </summary>
public class ReturnUrlTests
{
    private const string Password = TestAccounts.Password;

    public static TheoryData<string, string> Cases => new()
    {
        { "%2F%09%2Fevil.example", "/account" },
        { "%2F%0D%0A%2Fevil.example", "/account" },
        { "%2Freports%2Fnew%7F", "/account" },
        { "%2F%2Fevil.example", "/account" },
        { "%2Freports%2Fnew", "/reports/new" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Login_ReturnUrl_RedirectsOnlyToALocalPath(string returnUrl, string expected)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var session = AccountSession.For(test.Factory);
        await session.RegisterAsync("ada@example.test", Password);
        await session.LogoutAsync();

        var (status, location, _) = await session.PostFormAsync($"/account/login?ReturnUrl={returnUrl}",
            new Dictionary<string, string> { ["Email"] = "ada@example.test", ["Password"] = Password },
            formPage: "/account/login");

        Assert.Equal((HttpStatusCode.Redirect, expected), (status, location));
    }
}
