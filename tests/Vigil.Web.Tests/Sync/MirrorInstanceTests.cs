using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Sync;
using Vigil.Web.Tests.Compat.Npm;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Sync;

/// <summary>Instance A mirrors instance B (on loopback Kestrel) through B's /download bucket layout.</summary>
public class MirrorInstanceTests
{
    private static readonly SyncOptions NoWait = new() { RetryDelay = TimeSpan.Zero };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sync_FromAnotherInstance_FullThenIncrementalThenNotModified(DatabaseProvider provider)
    {
        await using var b = await LoopbackVigil.StartAsync(provider);
        await using var a = await TestDatabase.CreateAsync(provider);
        var source = new SyncSource("instance-b", b.Url + "/download");

        var first = await SyncAsync(a, source);
        await Advisories.SeedAsync(b.Target, [Advisories.Made("GHSA-new1-0000-0000", "npm", "left-pad", "0", "1.3.0")]);
        var second = await SyncAsync(a, source);
        var third = await SyncAsync(a, source);

        Assert.True(first.Succeeded, first.Error);
        Assert.Equal((SyncKind.Full, Advisories.GhsaExamples.Length), (first.Kind, first.Outcome.Added));
        Assert.True(second.Succeeded, second.Error);
        Assert.Equal((SyncKind.Incremental, 1, 0), (second.Kind, second.Outcome.Added, second.Outcome.Updated));
        Assert.Equal(SyncKind.NotModified, third.Kind);
        await using var db = a.Open();
        var mirrored = await db.Advisories.Select(x => new { x.Id, x.Origin }).ToListAsync(WebTest.Ct);
        Assert.Equal(Advisories.GhsaExamples.Append("GHSA-new1-0000-0000").Order(StringComparer.Ordinal),
            mirrored.Select(x => x.Id).Order(StringComparer.Ordinal));
        Assert.All(mirrored, x => Assert.Equal("instance-b", x.Origin));
    }

    [Fact]
    public async Task Listing_NewestFirstWithValidators_AnswersNotModifiedToThem()
    {
        await using var b = await LoopbackVigil.StartAsync(DatabaseProvider.Sqlite);
        using var http = new HttpClient();

        using var listing = await http.GetAsync(b.Url + "/download/npm/modified_id.csv", WebTest.Ct);
        var lines = (await listing.Content.ReadAsStringAsync(WebTest.Ct)).Split('\n',
            StringSplitOptions.RemoveEmptyEntries);
        using var again = new HttpRequestMessage(HttpMethod.Get, b.Url + "/download/npm/modified_id.csv");
        again.Headers.IfNoneMatch.Add(listing.Headers.ETag!);
        using var notModified = await http.SendAsync(again, WebTest.Ct);

        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        Assert.Equal("text/csv", listing.Content.Headers.ContentType?.MediaType);
        var parsed = ModifiedIdCsv.Parse(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"),
            "listing");
        Assert.Equal(Advisories.GhsaExamples.Order(StringComparer.Ordinal),
            parsed.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal(parsed.OrderByDescending(p => p.Modified).Select(p => p.Id), parsed.Select(p => p.Id));
        Assert.NotNull(listing.Content.Headers.LastModified);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("/download/npm/GHSA-vh95-rmgr-6w4m.json", HttpStatusCode.OK)]
    [InlineData("/download/npm/GHSA-none-none-none.json", HttpStatusCode.NotFound)]
    [InlineData("/download/PyPI/GHSA-vh95-rmgr-6w4m.json", HttpStatusCode.NotFound)]
    [InlineData("/download/PyPI/modified_id.csv", HttpStatusCode.NotFound)]
    public async Task Record_ByEcosystemAndId_OnlyWhenItNamesThatEcosystem(string path, HttpStatusCode expected)
    {
        await using var b = await LoopbackVigil.StartAsync(DatabaseProvider.Sqlite);
        using var http = new HttpClient();

        using var response = await http.GetAsync(b.Url + path, WebTest.Ct);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("\"id\": \"GHSA-vh95-rmgr-6w4m\"", await response.Content.ReadAsStringAsync(WebTest.Ct),
                StringComparison.Ordinal);
        }
    }

    private static async Task<SyncRunResult> SyncAsync(TestDatabase database, SyncSource source)
    {
        await using var db = database.Open();
        return await new RunSync(db, TimeProvider.System, NoWait).ExecuteAsync(source, "npm", null, WebTest.Ct);
    }
}
