using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Imports;
using static Vigil.Core.Tests.Imports.ImportFixture;

namespace Vigil.Core.Tests.Imports;

/// <summary>Broken OSV input is reported with its file and reason, and skipped; the rest is stored.</summary>
public class OsvBadInputTests
{
    [Fact]
    public async Task Execute_MalformedJson_NamesFileLineAndPosition()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        var bad = temp.Write("x.json", "{\n  \"id\": \"GHSA-1\",\n  \"modified\": ,\n}");
        temp.Write("good.json", OsvSamples.Minimal("GHSA-good"));

        var summary = await ImportAsync(database, temp.Path);

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(bad, problem.File);
        Assert.StartsWith("line 3, position 15: ", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(1, summary.Added);
    }

    [Fact]
    public async Task Execute_InvalidUtf8InsideAString_NamesFileAndByte()
    {
        // Well-formed JSON whose summary holds a byte that starts no UTF-8 sequence (found by the fuzzer).
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        var prefix = """{"id":"GHSA-1","modified":"2024-01-02T00:00:00Z","summary":"caf""";
        var bad = temp.Combine("bad.json");
        File.WriteAllBytes(bad, [.. System.Text.Encoding.UTF8.GetBytes(prefix), 0xFF, .. "\"}"u8]);
        temp.Write("good.json", OsvSamples.Minimal("GHSA-good"));

        var summary = await ImportAsync(database, temp.Path);

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(bad, problem.File);
        Assert.Equal($"the file is not valid UTF-8 (byte {prefix.Length} starts an invalid sequence)", problem.Reason);
        Assert.Equal(1, summary.Added);
    }

    [Theory]
    [InlineData("""{"id":"GHSA-1","schema_version":"1.7.5"}""", "/: required")]
    [InlineData("""{"id":"GHSA-1","modified":"2024-01-02"}""", "/modified: pattern")]
    [InlineData("""
        {"id":"GHSA-1","modified":"2024-01-02T00:00:00Z","affected":[{"package":{"ecosystem":"Node.js","name":"node"}}]}
        """, "/affected/0/package/ecosystem: pattern")]
    [InlineData("""
        {"id":"GHSA-1","modified":"2024-01-02T00:00:00Z","references":[{"type":"BLOG","url":"https://example.com"}]}
        """, "/references/0/type: enum")]
    [InlineData("""{"id":"GHSA-1","modified":"2024-01-02T00:00:00Z","severity":[{"type":"CVSS_V3","score":"9.8"}]}""",
        "/severity/0/score: pattern")]
    [InlineData("""{"id":"GHSA-1","modified":"2024-01-02T00:00:00Z","colour":"red"}""",
        "/colour: additionalProperties")]
    [InlineData("""
        {"id":"GHSA-1","modified":"2024-01-02T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"ECOSYSTEM","events":[{"fixed":"1.0.0"}]}]}]}
        """, "/affected/0/ranges/0/events: contains")]
    [InlineData("""
        {"id":"GHSA-1","modified":"2024-01-02T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1"},{"last_affected":"2"}]}]}]}
        """, "/affected/0/ranges/0: then: last_affected and fixed events are mutually exclusive")]
    [InlineData("""
        {"id":"GHSA-1","modified":"2024-01-02T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0","fixed":"1"}]}]}]}
        """, "/affected/0/ranges/0/events/0: oneOf: matches 2 of the alternatives")]
    [InlineData("""
        {"id":"GHSA-1","modified":"2024-01-02T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"GIT","events":[{"introduced":"0"}]}]}]}
        """, "/affected/0/ranges/0: required: Required properties [\"repo\"]")]
    [InlineData("""{"id":"not an id","modified":"2024-01-02T00:00:00Z"}""", "/id: pattern")]
    public async Task Execute_SchemaInvalidDocument_NamesPointerAndKeyword(string json, string expected)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        var bad = temp.Write("bad.json", json);

        var summary = await ImportAsync(database, bad);

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(bad, problem.File);
        Assert.StartsWith("does not match the OSV 1.7.5 schema: ", problem.Reason, StringComparison.Ordinal);
        Assert.Contains(expected, problem.Reason, StringComparison.Ordinal);
        Assert.Equal(0, summary.Added);
    }

    [Fact]
    public async Task Execute_ZipBombEntry_IsSkippedByActualSizeAndTheRestIsStored()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        var zip = temp.Combine("all.zip");
        // 8 MiB of spaces after a valid document compress to a few KiB.
        WriteZip(zip, ("GHSA-bomb.json", OsvSamples.Minimal("GHSA-bomb") + new string(' ', 8 << 20)),
            ("GHSA-ok.json", OsvSamples.Minimal("GHSA-ok")));

        var summary = await ImportAsync(database, [zip], new ImportOptions { MaxZipEntryBytes = 1 << 20 });

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(zip + "!GHSA-bomb.json", problem.File);
        Assert.Contains("decompresses to more than 1048576 bytes", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(1, summary.Added);
    }

    [Fact]
    public async Task Execute_ZipOverTotalSize_StopsReadingAndReportsTheRest()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        var zip = temp.Combine("all.zip");
        var one = OsvSamples.Minimal("GHSA-1");
        WriteZip(zip, ("GHSA-1.json", one), ("GHSA-2.json", OsvSamples.Minimal("GHSA-2")),
            ("GHSA-3.json", OsvSamples.Minimal("GHSA-3")));

        var summary = await ImportAsync(database, [zip], new ImportOptions { MaxZipTotalBytes = one.Length + 10 });

        Assert.Equal(1, summary.Added);
        Assert.Equal([zip + "!GHSA-2.json", zip + "!GHSA-3.json"], summary.Problems.Select(p => p.File));
        Assert.All(summary.Problems, p => Assert.Contains("more than", p.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Execute_ZipWithTooManyEntries_IsRefusedWhole()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        var zip = temp.Combine("all.zip");
        WriteZip(zip, ("GHSA-1.json", OsvSamples.Minimal("GHSA-1")), ("GHSA-2.json", OsvSamples.Minimal("GHSA-2")),
            ("GHSA-3.json", OsvSamples.Minimal("GHSA-3")));

        var summary = await ImportAsync(database, [zip], new ImportOptions { MaxZipEntries = 2 });

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(zip, problem.File);
        Assert.StartsWith("the zip has 3 entries, over the limit of 2", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(0, summary.Added);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_ZipEntryNamesLeavingTheArchive_AreReportedAndSkipped(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var temp = new TempDirectory();
        var zip = temp.Combine("all.zip");
        string[] hostile = ["../GHSA-a.json", "/GHSA-b.json", "x/../../GHSA-c.json", "C:/GHSA-d.json",
            "x\\..\\GHSA-e.json"];
        WriteZip(zip,
            [.. hostile.Select(name => (name, OsvSamples.Minimal("GHSA-evil"))),
                ("sub/GHSA-ok.json", OsvSamples.Minimal("GHSA-ok"))]);

        var summary = await ImportAsync(database, zip);

        Assert.Equal(hostile.Select(name => zip + "!" + name), summary.Problems.Select(p => p.File));
        Assert.All(summary.Problems,
            p => Assert.Contains("points outside the archive", p.Reason, StringComparison.Ordinal));
        await using var context = database.Open();
        Assert.Equal(["GHSA-ok"], await context.Advisories.Select(a => a.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task Execute_NotAZip_IsReported()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        var zip = temp.Write("all.zip", "this is not a zip");

        var summary = await ImportAsync(database, zip);

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(zip, problem.File);
        Assert.StartsWith("is not a readable zip", problem.Reason, StringComparison.Ordinal);
    }
}
