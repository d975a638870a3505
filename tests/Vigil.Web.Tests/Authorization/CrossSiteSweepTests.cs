using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Authorization;

/// <summary>
/// Cross-site request forgery across every door that changes something: the most powerful account's signed-in
/// browser, made to send the request by another site (another site, a sibling subdomain, another port, an opaque
/// origin), changes nothing, on the pages and on <c>/api</c> alike — even with the page's own form token.
/// </summary>
public class CrossSiteSweepTests
{
    private static CancellationToken Ct => WebTest.Ct;

    /// <summary>What browsers send for a request another site made them send.</summary>
    private static readonly (string Header, string Value)[] ForeignOrigins =
    [
        ("Sec-Fetch-Site", "cross-site"),
        ("Sec-Fetch-Site", "same-site"),
        ("Origin", "https://attacker.example"),
        ("Origin", "http://evil.localhost"),
        ("Origin", "http://localhost:8081"),
        ("Origin", "null"),
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryWrite_SignedInBrowserSentByAnotherSite_ChangesNothing(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var world = await BoundaryWorld.BuildAsync(test);
        var session = await world.SignInAsync();
        var failures = new List<string>();
        var writes = (await world.DoorsAsync()).Where(d => d.Method is not ("GET" or "HEAD")).ToList();
        Assert.True(writes.Count > 60, $"only {writes.Count} writes found");
        foreach (var door in writes)
        {
            var antiforgery = door.IsPage ? await BoundaryWorld.AntiforgeryAsync(session.Client, door.Path) ?? ""
                : null;
            foreach (var (header, value) in ForeignOrigins)
            {
                var (status, body, _) = await BoundaryWorld.SendAsync(session.Client, door,
                    headers: new Dictionary<string, string> { [header] = value }, antiforgery: antiforgery);
                if (status != 403 || !body.Contains("this site's own pages", StringComparison.Ordinal))
                {
                    failures.Add($"{door} with {header}: {value}: {status}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(ReportState.New, await world.ReportStateAsync());
        await using var db = test.OpenDatabase();
        Assert.Equal(1, await db.ProgramMembers.CountAsync(Ct));
        Assert.Equal(5, await db.ApiTokens.CountAsync(t => t.RevokedAt == null, Ct));
    }

    /// <summary>The same session from the site's own pages still works: the refusal above is the origin's, not a broken
    /// session's.</summary>
    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Origin", "http://localhost")]
    [InlineData(null, null)]
    public async Task Accept_SignedInBrowserOnTheSiteItself_Accepts(string? header, string? value)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var world = await BoundaryWorld.BuildAsync(test);
        var session = await world.SignInAsync();
        var accept = new BoundaryWorld.Door("POST", $"/api/reports/{world.ReportId}/accept", false, null, null!);
        var headers = header is null ? null : new Dictionary<string, string> { [header] = value! };
        var (status, body, _) = await BoundaryWorld.SendAsync(session.Client, accept, headers: headers);
        Assert.True(status == 204, $"{status} {body}");
        Assert.Equal(ReportState.Accepted, await world.ReportStateAsync());
    }

    /// <summary>A multipart upload (what a plain HTML form can send cross-site) with the session cookie from another
    /// site.</summary>
    [Fact]
    public async Task AttachmentUpload_FormPostFromAnotherSite_StoresNothing()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        var world = await BoundaryWorld.BuildAsync(test);
        var session = await world.SignInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/{world.ReportId}/attachments")
        {
            Content = new MultipartFormDataContent {
                { new ByteArrayContent("planted\n"u8.ToArray()), "file", "planted.txt" } },
        };
        request.Headers.Add("Origin", "https://attacker.example");
        using var response = await session.Client.SendAsync(request, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = test.OpenDatabase();
        Assert.Equal(1, await db.ReportAttachments.CountAsync(Ct));
    }
}
