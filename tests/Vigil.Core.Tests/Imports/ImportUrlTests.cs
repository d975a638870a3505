using System.IO.Compression;
using System.Text;
using Vigil.Core.Data;
using Vigil.Core.Imports;
using Vigil.Core.Tests.Sync;

namespace Vigil.Core.Tests.Imports;

/// <summary>
/// <c>vigil import URL</c> (docs/import.md): one OSV document or zip over HTTP from a Kestrel server on loopback,
/// stored as a hand import with the file import's validation; faults retried like a sync's; every refusal names
/// the URL and what was wrong, and stores nothing.
/// </summary>
public class ImportUrlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ImportUrlOptions Fast = new() { Http = SyncFixture.Options };

    private static byte[] Example(string id) =>
        File.ReadAllBytes(Path.Combine(ImportFixture.OsvExamples, id + ".json"));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_OneJsonDocument_StoresItAsAHandImport(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = await ServeAsync(("GHSA-vh95-rmgr-6w4m.json", Example("GHSA-vh95-rmgr-6w4m")));

        var summary = await ImportAsync(database, server.BaseUrl + "/GHSA-vh95-rmgr-6w4m.json");

        Assert.Empty(summary.Problems);
        Assert.Equal(1, summary.Added);
        Assert.Equal(server.BaseUrl + "/GHSA-vh95-rmgr-6w4m.json", summary.Paths.Single().Path);
        var stored = await SyncFixture.AdvisoriesAsync(database);
        Assert.Equal("import", stored["GHSA-vh95-rmgr-6w4m"].Origin);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_BucketZipWithAnInvalidEntry_StoresTheRestAndNamesTheEntry(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var zip = Zip(
            ("GHSA-vh95-rmgr-6w4m.json", Example("GHSA-vh95-rmgr-6w4m")),
            ("GHSA-xvch-5gv4-984h.json", Example("GHSA-xvch-5gv4-984h")),
            ("BAD-1.json", Encoding.UTF8.GetBytes("""{"id":"BAD-1","summary":"no modified"}""")));
        await using var server = await ServeAsync(("npm/all.zip", zip));
        var url = server.BaseUrl + "/npm/all.zip";

        var summary = await ImportAsync(database, url);

        Assert.Equal(2, summary.Added);
        var problem = Assert.Single(summary.Problems);
        Assert.Equal(url + "!BAD-1.json", problem.File);
        Assert.Contains("modified", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(["GHSA-vh95-rmgr-6w4m", "GHSA-xvch-5gv4-984h"],
            (await SyncFixture.AdvisoriesAsync(database)).Keys.Order());
    }

    [Fact]
    public async Task Import_ServerErrorAndTruncatedBody_AreRetried()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await ServeAsync(("x.json", Example("GHSA-xvch-5gv4-984h")));
        server.Inject("x.json", Fault.ServerError, Fault.DropMidBody);

        var summary = await ImportAsync(database, server.BaseUrl + "/x.json");

        Assert.Empty(summary.Problems);
        Assert.Equal(1, summary.Added);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Import_WithDownloadProgress_ReportsTheBytesReadUpToTheWholeBody()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var body = Example("GHSA-xvch-5gv4-984h");
        await using var server = await ServeAsync(("x.json", body));
        var told = new Told();

        await using var db = database.Open();
        var import = new ImportAdvisories(db, TimeProvider.System, ImportOptions.Default);
        var summary = await new ImportUrl(import, TimeProvider.System)
            .ExecuteAsync(new Uri(server.BaseUrl + "/x.json"), Fast, null, told, Ct);

        Assert.Equal(1, summary.Added);
        Assert.NotEmpty(told.Reports);
        Assert.Equal(body.Length, told.Reports[^1].Bytes);
        // the length is told when the server sends one
        Assert.All(told.Reports, r => Assert.Contains(r.TotalBytes, new long?[] { null, body.Length }));
        Assert.Equal(told.Reports.OrderBy(r => r.Bytes), told.Reports);
    }

    /// <summary>Keeps what it is told, as it is told (<see cref="Progress{T}"/> would post it later).</summary>
    private sealed class Told : IProgress<DownloadProgress>
    {
        public List<DownloadProgress> Reports { get; } = [];

        public void Report(DownloadProgress value) => Reports.Add(value);
    }

    public static TheoryData<string, byte[], string> Refusals() => new()
    {
        { "missing.json", [], "the server answered 404" },
        { "page.html", Encoding.UTF8.GetBytes("<!doctype html><title>Sign in</title>"),
            "is neither a zip nor a JSON document" },
        { "broken.zip", [.. "PK\u0003\u0004"u8, .. new byte[64]], "is not a readable zip" },
        { "big.json", Encoding.UTF8.GetBytes("{\"id\":\"" + new string('x', 5000) + "\"}"),
            "over the limit of 4096 bytes" },
        { "three.json", [.. Encoding.UTF8.GetBytes("""{"id":"X","modified":"2024-01-01T00:00:00Z","""), .. "[oops"u8],
            "" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Import_BadDownload_IsReportedWithTheUrlAndStoresNothing(string path, byte[] body, string reason)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await ServeAsync(path == "missing.json" ? [] : [(path, body)]);
        var url = server.BaseUrl + "/" + path;

        var summary = await ImportAsync(database, url, Fast with { MaxBytes = 4096 });

        var problem = Assert.Single(summary.Problems);
        Assert.StartsWith(url, problem.File, StringComparison.Ordinal);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
        Assert.Equal(0, summary.Added);
        Assert.Empty(await SyncFixture.AdvisoriesAsync(database));
    }

    [Fact]
    public async Task Import_PersistentServerError_FailsNamingTheAnswer()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await ServeAsync(("x.json", Example("GHSA-xvch-5gv4-984h")));
        server.Inject("x.json", Fault.ServerError, Fault.ServerError, Fault.ServerError, Fault.ServerError);

        var summary = await ImportAsync(database, server.BaseUrl + "/x.json");

        Assert.Equal("the server answered 503 Service Unavailable", Assert.Single(summary.Problems).Reason);
        Assert.Empty(await SyncFixture.AdvisoriesAsync(database));
    }

    [Fact]
    public async Task Import_FileUrl_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var summary = await ImportAsync(database, "file:///etc/hostname");

        Assert.Equal("only http:// and https:// addresses are downloaded", Assert.Single(summary.Problems).Reason);
    }

    private static async Task<ImportSummary> ImportAsync(TestDatabase database, string url,
        ImportUrlOptions? options = null)
    {
        await using var db = database.Open();
        var import = new ImportAdvisories(db, TimeProvider.System, ImportOptions.Default);
        return await new ImportUrl(import, TimeProvider.System)
            .ExecuteAsync(new Uri(url), options ?? Fast, null, null, Ct);
    }

    private static async Task<BucketServer> ServeAsync(params (string Path, byte[] Body)[] files)
    {
        var bucket = new TestBucket();
        foreach (var (path, body) in files)
        {
            bucket.Files[path] = body;
        }
        return await BucketServer.StartAsync(bucket);
    }

    private static byte[] Zip(params (string Name, byte[] Body)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, body) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(body);
            }
        }
        return buffer.ToArray();
    }
}
