using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Accounts;

/// <summary>
/// A browser-like client of the real pages: keeps cookies, reads each form's antiforgery token, follows no
/// redirects so each step's answer can be checked. TOTP codes are computed with Otp.NET, an implementation
/// of RFC 6238 independent of ASP.NET Core Identity's.
/// </summary>
public sealed class AccountSession(HttpClient client, IServiceProvider? services = null)
{
    public HttpClient Client { get; } = client;

    /// <summary>
    /// The app's services, for <see cref="RegisterAsync"/> to confirm the address through the account store.
    /// </summary>
    public IServiceProvider? Services { get; } = services;

    public string? TotpKey { get; private set; }

    public static AccountSession For(WebApplicationFactory<Program> factory) =>
        new(
            factory.CreateClient(
            new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }),
            factory.Services);

    private static CancellationToken Ct => WebTest.Ct;

    /// <param name="formPage">The page that shows the form, when it is not <paramref name="path"/> itself (sign-out's
    /// form is on /account).</param>
    public async Task<(HttpStatusCode Status, string? Location, string Html)> PostFormAsync(string path,
        IDictionary<string, string> fields, string? formPage = null)
    {
        // The form may be on a 404 page (the follow-up token form is), so the status is not checked here.
        using var pageResponse = await Client.GetAsync(formPage ?? path, Ct);
        var page = await pageResponse.Content.ReadAsStringAsync(Ct);
        var document = await new HtmlParser().ParseDocumentAsync(page, Ct);
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{path} has no antiforgery token");
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        using var response = await Client.PostAsync(path, new FormUrlEncodedContent(all), Ct);
        return (response.StatusCode, response.Headers.Location?.OriginalString,
            await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>
    /// A multipart form post (a form with file inputs) with the antiforgery token of <paramref name="formPage"/>.
    /// </summary>
    public async Task<(HttpStatusCode Status, string? Location, string Html)> PostMultipartAsync(
        string path, IDictionary<string, string> fields,
            IEnumerable<(string Field, string FileName, byte[] Content)> files, string? formPage = null)
    {
        using var pageResponse = await Client.GetAsync(formPage ?? path, Ct);
        var document = await new HtmlParser().ParseDocumentAsync(await pageResponse.Content.ReadAsStringAsync(Ct), Ct);
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{path} has no antiforgery token");
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        foreach (var (field, fileName, bytes) in files)
        {
            content.Add(new ByteArrayContent(bytes), field, fileName);
        }
        using var response = await Client.PostAsync(path, content, Ct);
        return (response.StatusCode, response.Headers.Location?.OriginalString,
            await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The password this session registered or signed in with, for "Confirm it's you".</summary>
    public string? Password { get; private set; }

    /// <summary>Proves the password on a page that asks for a recent proof (its <c>Confirm</c> handler).</summary>
    public async Task ConfirmIdentityAsync(string page)
    {
        var (status, _, html) =
            await PostFormAsync($"{page}?handler=Confirm", new Dictionary<string, string> { ["password"] = Password! },
                formPage: page);
        if (status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"confirming the password on {page} failed: {status} {html}");
        }
    }

    /// <summary>
    /// Registers through the real page (which answers "check your e-mail"), confirms the address through the account
    /// store (the e-mailed link itself is exercised by <c>EmailLinkTests</c>), and signs in through the real page.
    /// </summary>
    public async Task RegisterAsync(string email, string password)
    {
        Password = password;
        var (status, _, html) =
            await PostFormAsync("/account/register",
                new Dictionary<string, string>
                {
                    ["Email"] = email,
                    ["Password"] = password,
                    ["DisplayName"] = "Test"
                });
        if (status != HttpStatusCode.OK || !html.Contains("id=\"check-email\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"registration failed: {status} {html}");
        }
        await ConfirmInStoreAsync(
            Services
            ?? throw new InvalidOperationException(
            "RegisterAsync needs a session made with AccountSession.For(factory)"), email);
        var (signedIn, location) = await LoginAsync(email, password);
        if (signedIn != HttpStatusCode.Redirect || location != "/account")
        {
            throw new InvalidOperationException($"signing in after registration failed: {signedIn} {location}");
        }
    }

    /// <summary>
    /// Marks an address confirmed directly in the account store, as <c>vigil admin user confirm</c> does.
    /// </summary>
    public static async Task ConfirmInStoreAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider
            .GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Vigil.Core.Accounts.VigilUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"no account {email}");
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
    }

    /// <summary>Turns on two-factor through /account/2fa and returns the recovery codes shown once.</summary>
    public async Task<IReadOnlyList<string>> EnableTwoFactorAsync()
    {
        await ConfirmIdentityAsync("/account/2fa");
        var page = await new HtmlParser().ParseDocumentAsync(await Client.GetStringAsync("/account/2fa", Ct), Ct);
        TotpKey = page.QuerySelector("#shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal)
            .ToUpperInvariant();
        var (status, _, html) =
            await PostFormAsync("/account/2fa", new Dictionary<string, string> { ["Code"] = Code() });
        if (status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"2FA setup failed: {status}");
        }
        var done = await new HtmlParser().ParseDocumentAsync(html, Ct);
        return done.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent).ToList();
    }

    private long _lastStep;

    /// <summary>
    /// A code the server has not seen yet: each code works once, so when this step's was used the next step's
    /// (within the one step of drift the server allows) is given.
    /// </summary>
    public string Code()
    {
        var step = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30, _lastStep + 1);
        _lastStep = step;
        return new Totp(Base32Encoding.ToBytes(TotpKey!))
            .ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
    }

    public Task LogoutAsync() =>
        PostFormAsync("/account/logout", new Dictionary<string, string>(), formPage: "/account");

    /// <summary>
    /// A new browser session signed in through the real pages: the password, then (when <paramref name="totpKey"/> is
    /// given) an authenticator code.
    /// </summary>
    public static async Task<AccountSession> SignInAsync(VigilFactory factory, string email, string password,
        string? totpKey = null)
    {
        var session = For(factory);
        session.TotpKey = totpKey;
        var (status, location) = await session.LoginAsync(email, password);
        if (totpKey is not null && location?.StartsWith("/account/login-2fa", StringComparison.Ordinal) == true)
        {
            (status, location, _) =
                await session.PostFormAsync(location!, new Dictionary<string, string> { ["Code"] = session.Code() });
        }
        if (
            status != HttpStatusCode.Redirect
            || location?.StartsWith("/account/login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"signing in {email} failed: {status} {location}");
        }
        return session;
    }

    public async Task<(HttpStatusCode Status, string? Location)> LoginAsync(string email, string password)
    {
        Password = password;
        var (status, location, _) =
            await PostFormAsync("/account/login",
                new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        return (status, location);
    }

    public async Task<JsonNode?> JsonAsync(HttpMethod method, string path, string? json = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        using var response = await Client.SendAsync(request, Ct);
        LastStatus = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(Ct);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public int LastStatus { get; private set; }
}
