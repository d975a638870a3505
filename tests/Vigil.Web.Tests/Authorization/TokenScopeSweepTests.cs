using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Reports;
using Vigil.Web.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Authorization;

/// <summary>
/// API tokens across every door of the app: pages never authenticate a token (whatever its scopes, a page answers
/// a token's request as it answers an anonymous one), and each <c>/api</c> endpoint lets a token through only with
/// the scope it declares. The doors come from the app's endpoint data source, so a new endpoint or page handler
/// is swept the day it is added.
/// </summary>
public class TokenScopeSweepTests
{
    private static CancellationToken Ct => WebTest.Ct;

    [Fact]
    public async Task EveryApiEndpoint_DeclaresWhatATokenNeeds()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var world = await BoundaryWorld.BuildAsync(test);
        var undeclared = (await world.DoorsAsync())
            .Where(
                d =>
                    d.Path.StartsWith("/api/", StringComparison.Ordinal)
                        && d.Endpoint.Metadata.GetMetadata<TokenScope>() is null)
            .Select(d => d.ToString()).ToList();
        Assert.True(undeclared.Count == 0, "API endpoints without a TokenScope:\n" + string.Join("\n", undeclared));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryApiEndpoint_EveryScope_TokenGetsOnlyWhatItsScopeAllows(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var world = await BoundaryWorld.BuildAsync(test);
        using var client = test.Factory.CreateClient(
            new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var failures = new List<string>();
        var doors = (await world.DoorsAsync()).Where(d => d.Path.StartsWith("/api/", StringComparison.Ordinal))
            .ToList();
        Assert.True(doors.Count > 40, $"only {doors.Count} API doors found");
        foreach (var door in doors)
        {
            var needed = door.Endpoint.Metadata.GetMetadata<TokenScope>()?.For(door.Method);
            foreach (var (scopes, token) in world.Tokens)
            {
                var granted = needed is not null && TokenScope.Grants(scopes.Split('+'), needed);
                var (status, body, _) = await BoundaryWorld.SendAsync(client, door, token);
                var refused = status == 403 && body.Contains("API token", StringComparison.Ordinal);
                if (granted && (status == 401 || refused))
                {
                    failures.Add(
                        $"{door} with {scopes}: {status} {body[..Math.Min(200, body.Length)]}, expected the scope to "
                            + "be enough");
                }
                if (!granted && !refused)
                {
                    failures.Add($"{door} with {scopes}: {status}, expected 403 (needs {needed ?? "a session"})");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryPageHandler_AnyToken_AnswersAsToAnAnonymousVisitor(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var world = await BoundaryWorld.BuildAsync(test);
        var all = world.Tokens[string.Join('+', ApiScopes.All)];
        var failures = new List<string>();
        var doors = (await world.DoorsAsync()).Where(d => d.IsPage).ToList();
        Assert.True(doors.Count > 40, $"only {doors.Count} page handlers found");
        foreach (var door in doors)
        {
            var anonymous = await VisitAsync(test, door, null);
            var withToken = await VisitAsync(test, door, all);
            if (anonymous != withToken)
            {
                failures.Add($"{door}: anonymous {anonymous}, with an all-scopes token {withToken}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(ReportState.New, await world.ReportStateAsync());
        await using var db = test.OpenDatabase();
        Assert.Equal(5, await db.ApiTokens.CountAsync(t => t.RevokedAt == null, Ct));
    }

    /// <summary>A page handler as a browser drives it: the page's own form token first (as the caller sees the page),
    /// then the request.</summary>
    private static async Task<string> VisitAsync(WebTest test, BoundaryWorld.Door door, string? bearer)
    {
        using var client = test.Factory.CreateClient(
            new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var antiforgery = door.Method == "GET" ? null : await BoundaryWorld.AntiforgeryAsync(client, door.Path, bearer);
        var (status, _, location) = await BoundaryWorld.SendAsync(client, door, bearer,
            antiforgery: antiforgery ?? (door.Method == "GET" ? null : ""));
        return $"{status} {location}";
    }

    /// <summary>The chain an outside test walked with a read-only token: report actions through the pages, the TOTP
    /// seed, other tokens.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReadToken_AccountTakeoverChain_GetsNowhere(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var world = await BoundaryWorld.BuildAsync(test);
        var read = world.Tokens[ApiScopes.ReportsRead];
        using var client = test.Factory.CreateClient(
            new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var report = new BoundaryWorld.Door("GET", $"/reports/{world.ReportId}", true, null, null!);
        Assert.Equal(404, (await BoundaryWorld.SendAsync(client, report, read)).Status);
        // The 404 page still has a form (the follow-up token's): its form token must not carry the account either.
        var antiforgery = await BoundaryWorld.AntiforgeryAsync(client, report.Path, read) ?? "";
        var accept = report with { Method = "POST", Handler = "Accept" };
        Assert.NotEqual(302, (await BoundaryWorld.SendAsync(client, accept, read, antiforgery: antiforgery)).Status);
        Assert.Equal(ReportState.New, await world.ReportStateAsync());

        var twoFactor = await BoundaryWorld.SendAsync(client, report with { Path = "/account/2fa" }, read);
        Assert.Equal(302, twoFactor.Status);
        Assert.Contains("/account/login?", twoFactor.Location, StringComparison.Ordinal);
        Assert.DoesNotContain(world.AuthenticatorKey, twoFactor.Body, StringComparison.OrdinalIgnoreCase);

        var session = new Accounts.AccountSession(client);
        await session.JsonAsync(HttpMethod.Post, "/api/tokens", """{"name":"x","scopes":["admin"]}""", read);
        Assert.Equal(403, session.LastStatus);
        await session.JsonAsync(HttpMethod.Delete, $"/api/tokens/{world.SpareTokenId}", bearer: read);
        Assert.Equal(403, session.LastStatus);
        await session.JsonAsync(HttpMethod.Get, "/api/tokens", bearer: world.Tokens[string.Join('+', ApiScopes.All)]);
        Assert.Equal(403, session.LastStatus);
        await using var db = test.OpenDatabase();
        Assert.Null((await db.ApiTokens.SingleAsync(t => t.Id == world.SpareTokenId, Ct)).RevokedAt);
    }

    [Theory]
    [InlineData("/api/programs/npm-eco/metrics")]
    [InlineData("/api/reports/1")]
    [InlineData("/api/me")]
    public async Task UnknownToken_AnyApiEndpoint_Answers401(string path)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", "vgl_not-a-token-of-this-server");
        using var response = await test.Client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("unknown, revoked or expired", await response.Content.ReadAsStringAsync(Ct),
            StringComparison.Ordinal);
    }
}
