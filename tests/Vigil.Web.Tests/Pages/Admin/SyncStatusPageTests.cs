using System.Net;
using AngleSharp.Html.Parser;
using Vigil.Core.Data;
using Vigil.Core.Sync;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Admin;

/// <summary>/admin/sync (docs/sync.md): the mirrored sources' states for an instance administrator signed in with two
/// factors; 404 to anyone else.</summary>
public class SyncStatusPageTests
{
    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InstanceAdmin_SeesEverySourceWithItsRunsCountsAndError(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        await StoreStatesAsync(test.Target);
        var admin = await ProgramAdminPagesTests.SignInAsync(test, "root@example.test", instanceAdmin: true,
            twoFactor: true);

        var account = await admin.Client.GetStringAsync("/account", Ct);
        using var response = await admin.Client.GetAsync("/admin/sync", Ct);
        var html = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));

        Assert.Contains("id=\"sync-link\"", account, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var failed = html.QuerySelector("#sync-upstream-npm")!;
        Assert.Equal("failed", failed.GetAttribute("data-state"));
        Assert.Contains("npm/all.zip: the server answered 503", html.QuerySelector("#error-upstream-npm")!.TextContent,
            StringComparison.Ordinal);
        Assert.Contains("Friday 2 January 2026, 03:04 UTC", failed.TextContent, StringComparison.Ordinal);
        var ok = html.QuerySelector("#sync-upstream-NuGet")!;
        Assert.Equal("ok", ok.GetAttribute("data-state"));
        Assert.Equal("12 added, 3 updated, 1 withdrawn, 2 skipped", ok.QuerySelector(".counts")!.TextContent);
        Assert.Contains("https://osv-bucket.example/", ok.TextContent, StringComparison.Ordinal);
        // Neither is in this instance's Vigil:Sync:Sources: only `vigil sync` runs them.
        Assert.All(html.QuerySelectorAll(".next"),
            n => Assert.Equal("not scheduled (not in Vigil:Sync:Sources)", n.TextContent));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Outsider_Gets404AndNoSource(bool instanceAdmin, bool twoFactor)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        await StoreStatesAsync(test.Target);
        var session = await ProgramAdminPagesTests.SignInAsync(test, "someone@example.test", instanceAdmin, twoFactor);

        using var response = await session.Client.GetAsync("/admin/sync", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var account = await session.Client.GetStringAsync("/account", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("osv-bucket.example", body, StringComparison.Ordinal);
        Assert.DoesNotContain("answered 503", body, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"sync-link\"", account, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);
        await StoreStatesAsync(test.Target);
        using var client = test.Factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/admin/sync", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    internal static async Task StoreStatesAsync(DatabaseTarget target)
    {
        await using var db = VigilDatabase.Open(target);
        db.Add(new SyncStateEntity
        {
            Source = "upstream",
            Ecosystem = "npm",
            BaseUrl = "https://osv-bucket.example/",
            LastRunAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            LastSuccessAt = new DateTimeOffset(2026, 1, 1, 3, 4, 5, TimeSpan.Zero),
            Error =
                "https://osv-bucket.example/npm/all.zip: the server answered 503 Service Unavailable after 4 retries",
        });
        db.Add(new SyncStateEntity
        {
            Source = "upstream",
            Ecosystem = "NuGet",
            BaseUrl = "https://osv-bucket.example/",
            LastRunAt = new DateTimeOffset(2026, 1, 2, 3, 5, 0, TimeSpan.Zero),
            LastSuccessAt = new DateTimeOffset(2026, 1, 2, 3, 5, 0, TimeSpan.Zero),
            LastModifiedSeen = new DateTimeOffset(2026, 1, 2, 1, 0, 0, TimeSpan.Zero),
            Added = 12,
            Updated = 3,
            Removed = 1,
            Skipped = 2,
        });
        await db.SaveChangesAsync(Ct);
    }
}
