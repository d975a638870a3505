using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Accounts;

/// <summary>
/// The account's OpenPGP key through the API (a token with <c>reports:write</c> registers, replaces and removes it;
/// <c>reports:read</c> reads it) and through the account page (session cookie and form token), with keys made by
/// BouncyCastle in the test; a bad key answers 400 naming <c>publicKey</c> and why.
/// </summary>
public class AccountKeyTests
{
    private const string Email = "ada@example.test";
    private static CancellationToken Ct => WebTest.Ct;

    private static async Task<(string Read, string Write)> AccountAsync(WebTest test)
    {
        using var scope = test.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
        var user = new VigilUser { UserName = Email, Email = Email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokens>();
        return ((await tokens.CreateAsync(user.Id, "read", [ApiScopes.ReportsRead], null, Ct)).Secret,
            (await tokens.CreateAsync(user.Id, "write", [ApiScopes.ReportsWrite], null, Ct)).Secret);
    }

    private static string Body(string armored) =>
        new System.Text.Json.Nodes.JsonObject { ["publicKey"] = armored }.ToJsonString();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Api_RegisterReplaceRemove_AndABadKeyIs400NamingTheField(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var (read, write) = await AccountAsync(test);
        var client = new AccountSession(test.Factory.CreateClient());
        var now = DateTime.UtcNow;
        var first = TestOpenPgpKeys.Make($"Ada <{Email}>", now.AddDays(-1), TimeSpan.FromDays(730));
        var second = TestOpenPgpKeys.Make($"Ada <{Email}>", now.AddDays(-1));

        await client.JsonAsync(HttpMethod.Get, "/api/me/openpgp-key", bearer: read);
        Assert.Equal(404, client.LastStatus);
        var registered = await client.JsonAsync(HttpMethod.Put, "/api/me/openpgp-key",
            Body(TestOpenPgpKeys.Armored(first)), write);
        Assert.Equal((200, TestOpenPgpKeys.Fingerprint(first)),
            (client.LastStatus, registered!["fingerprint"]!.GetValue<string>()));
        Assert.NotNull(registered["expires"]);
        await client.JsonAsync(HttpMethod.Put, "/api/me/openpgp-key", Body(TestOpenPgpKeys.Armored(second)), read);
        Assert.Equal(403, client.LastStatus);
        await client.JsonAsync(HttpMethod.Put, "/api/me/openpgp-key", Body(TestOpenPgpKeys.Armored(second)), write);
        var shown = await client.JsonAsync(HttpMethod.Get, "/api/me/openpgp-key", bearer: read);
        Assert.Equal((200, TestOpenPgpKeys.Fingerprint(second)),
            (client.LastStatus, shown!["fingerprint"]!.GetValue<string>()));

        var stranger = TestOpenPgpKeys.Make("Eve <eve@example.test>", now.AddDays(-1));
        var refused = await client.JsonAsync(HttpMethod.Put, "/api/me/openpgp-key",
            Body(TestOpenPgpKeys.Armored(stranger)), write);
        Assert.Equal(400, client.LastStatus);
        Assert.Contains("your account's address", refused!["errors"]!["publicKey"]![0]!.GetValue<string>(),
            StringComparison.Ordinal);
        await client.JsonAsync(HttpMethod.Put, "/api/me/openpgp-key", "{}", write);
        Assert.Equal(400, client.LastStatus);
        await client.JsonAsync(HttpMethod.Put, "/api/me/openpgp-key", Body("hello"), write);
        Assert.Equal(400, client.LastStatus);

        await client.JsonAsync(HttpMethod.Delete, "/api/me/openpgp-key", bearer: write);
        Assert.Equal(204, client.LastStatus);
        await client.JsonAsync(HttpMethod.Delete, "/api/me/openpgp-key", bearer: write);
        Assert.Equal(404, client.LastStatus);
        await client.JsonAsync(HttpMethod.Get, "/api/me/openpgp-key");
        Assert.Equal(401, client.LastStatus);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Page_RegisterShowsFingerprintAndDates_ABadKeyIsNamed_RemoveForgetsIt(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        await AccountAsync(test);
        var session = AccountSession.For(test.Factory);
        await session.LoginAsync(Email, TestAccounts.Password);
        var ring = TestOpenPgpKeys.Make($"Ada <{Email}>", new DateTime(2026, 3, 4, 10, 0, 0, DateTimeKind.Utc),
            TimeSpan.FromDays(3650));

        var (badStatus, _, badHtml) = await session.PostFormAsync("/account/openpgp-key",
            new Dictionary<string, string> { ["publicKey"] = "not a key" });
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("not an ASCII-armored OpenPGP public key", badHtml, StringComparison.Ordinal);

        var (status, location, _) = await session.PostFormAsync("/account/openpgp-key",
            new Dictionary<string, string> { ["publicKey"] = TestOpenPgpKeys.Armored(ring) });
        Assert.Equal((HttpStatusCode.Redirect, "/account/openpgp-key"), (status, location));
        var page = await new HtmlParser().ParseDocumentAsync(
            await session.Client.GetStringAsync("/account/openpgp-key", Ct), Ct);
        Assert.Equal(OpenPgpPublicKey.ForPeople(TestOpenPgpKeys.Fingerprint(ring)),
            page.QuerySelector("#fingerprint")?.TextContent);
        var facts = page.QuerySelector("#key-facts")?.TextContent ?? "";
        Assert.Contains("Wednesday 4 March 2026", facts, StringComparison.Ordinal);
        Assert.Contains("2036", page.QuerySelector("#expires")?.TextContent ?? "", StringComparison.Ordinal);

        var (removed, removedTo, _) = await session.PostFormAsync("/account/openpgp-key?handler=Remove",
            new Dictionary<string, string>(), formPage: "/account/openpgp-key");
        Assert.Equal((HttpStatusCode.Redirect, "/account/openpgp-key"), (removed, removedTo));
        Assert.Contains("No key is registered", await session.Client.GetStringAsync("/account/openpgp-key", Ct),
            StringComparison.Ordinal);
    }
}
