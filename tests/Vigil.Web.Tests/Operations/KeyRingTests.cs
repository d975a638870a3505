using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// The data-protection key ring lives with the data: two instances on one database (a restarted container, or
/// two behind a load balancer) accept each other's forms and session cookies, and the stored keys are sealed.
/// </summary>
public class KeyRingTests
{
    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoInstances_OneDatabase_AcceptEachOthersFormsAndCookies(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new VigilFactory(database.Target);
        var cookies = new CookieContainer();
        using var firstClient = first.CreateDefaultClient(new CookieContainerHandler(cookies));
        var email = $"keys-{Guid.NewGuid():N}@example.test";
        await new AccountSession(firstClient, first.Services).RegisterAsync(email, "Correct-Horse-Battery-9");
        await new AccountSession(firstClient).LogoutAsync();
        // The second instance starts after the first wrote its key, as a second replica or a restarted container would.
        await using var second = new VigilFactory(database.Target);
        using var secondClient = second.CreateDefaultClient(new CookieContainerHandler(cookies));

        // A sign-in form rendered by the first instance (its antiforgery cookie and field), posted to the second.
        var form = await new HtmlParser().ParseDocumentAsync(await firstClient.GetStringAsync("/account/login", Ct),
            Ct);
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var signIn = await secondClient.PostAsync("/account/login",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email,
                ["Password"] = "Correct-Horse-Battery-9",
                ["__RequestVerificationToken"] = token,
            }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/account", signIn.Headers.Location?.OriginalString);

        // The session cookie the second instance issued works on the first.
        using var account = await firstClient.GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains(email, await account.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task KeyRing_StoredInTheDatabase_IsSealed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new VigilFactory(database.Target);
        using var client = app.CreateClient();
        using var page = await client.GetAsync("/account/login", Ct); // renders a form token, so a key exists
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        await using var db = VigilDatabase.Open(database.Target);
        var keys = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync(Ct);
        var key = Assert.Single(keys);
        Assert.Contains(typeof(Vigil.Core.Security.SealedKeyRingDecryptor).FullName!, key);
        Assert.Contains(">sealed:", key);
        Assert.DoesNotContain("<masterKey", key);
    }
}
