using System.IO.Compression;
using System.Text.Json;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Imports.Osv;
using Vigil.Core.Tests.Imports;
using static Vigil.Core.Tests.Imports.ImportFixture;

namespace Vigil.Core.Tests.Exports;

public class OsvExportTests
{
    private const int WgRecords = 467 + 171;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_WgDatabaseAndExamples_EveryZipEntryValidatesAgainstTheSchema(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var output = new TempDirectory();
        await ImportAsync(database, WgVuln, OsvExamples);

        var summary = await NswgRoundTripTests.ExportAsync(database, output.Path, "osv");

        Assert.Empty(summary.Problems);
        Assert.Equal(WgRecords + 5, summary.Written);
        var entries = ReadZip(output.Combine("all.zip"));
        Assert.Equal(WgRecords + 5, entries.Count);
        var invalid = entries.Where(e => OsvSchemaValidator.Default.Validate(Parse(e.Value)).Count > 0)
            .Select(e => e.Key).ToList();
        Assert.Empty(invalid);
        // Against the schema exactly as released, the one failure is the id prefix of the WG's own ids
        // (1.7.5 lists only registered databases; see OsvSchemaValidator).
        var strict = entries.SelectMany(
            e => OsvSchemaValidator.Published.Validate(Parse(e.Value)).Select(error => (e.Key, error))).ToList();
        Assert.Equal(WgRecords, strict.Count);
        Assert.All(strict, s => Assert.StartsWith("NSWG-", s.Key, StringComparison.Ordinal));
        Assert.All(strict, s => Assert.Equal(("/id", "pattern"), (s.error.Pointer, s.error.Keyword)));
        Assert.All(entries, e => Assert.Equal(e.Value + "\n", File.ReadAllText(output.Combine(e.Key))));
        Assert.Equal(467 + 5, ReadZip(output.Combine("npm", "all.zip")).Count);
    }

    [Fact]
    public async Task Export_ThenImportIntoAnotherDatabase_GivesTheSameDocuments()
    {
        await using var first = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var second = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        await ImportAsync(first, WgVuln, OsvExamples);
        await NswgRoundTripTests.ExportAsync(first, a.Path, "osv");

        var reimport = await ImportAsync(second, a.Combine("all.zip"));
        var again = await ImportAsync(second, a.Combine("all.zip"));
        await NswgRoundTripTests.ExportAsync(second, b.Path, "osv");

        Assert.Empty(reimport.Problems);
        Assert.Equal(WgRecords + 5, reimport.Added);
        Assert.Equal(WgRecords + 5, again.Unchanged);
        Assert.Equal(ReadZip(a.Combine("all.zip")), ReadZip(b.Combine("all.zip")));
    }

    [Fact]
    public async Task Export_StoredDocumentBreakingTheSchema_IsReportedAndLeftOut()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var output = new TempDirectory();
        await using (var context = database.Open())
        {
            var broken = OsvJson.Deserialize(OsvSamples.Minimal("VIGIL-1"));
            broken.Affected![0].Package.Ecosystem = "Node.js";
            await new UpsertAdvisories(context, TimeProvider.System).ExecuteAsync(
                [new AdvisoryToStore(broken, "vigil"),
                    new AdvisoryToStore(OsvJson.Deserialize(OsvSamples.Minimal("VIGIL-2")), "vigil")],
                Ct);
        }

        var summary = await NswgRoundTripTests.ExportAsync(database, output.Path, "osv");

        var problem = Assert.Single(summary.Problems);
        Assert.Equal("VIGIL-1", problem.Advisory);
        Assert.Contains("/affected/0/package/ecosystem: pattern", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(["VIGIL-2.json"], ReadZip(output.Combine("all.zip")).Keys);
        Assert.False(File.Exists(output.Combine("VIGIL-1.json")));
    }

    private static Dictionary<string, string> ReadZip(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        });
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
