using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using static Vigil.Core.Tests.Imports.ImportFixture;

namespace Vigil.Core.Tests.Imports;

public class NswgImportTests
{
    private const int NpmRecords = 467;
    private const int CoreRecords = 171;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_WgDatabase_ImportsEveryRecordWithoutProblems(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var summary = await ImportAsync(database, WgVuln);

        Assert.Empty(summary.Problems);
        var result = Assert.Single(summary.Paths);
        Assert.Equal("nswg", result.Importer);
        Assert.Equal((NpmRecords + CoreRecords, 0, 0), (result.Added, result.Updated, result.Unchanged));
        await using var context = database.Open();
        Assert.Equal(NpmRecords, await context.Advisories.CountAsync(a => a.Source == "nswg-npm", Ct));
        Assert.Equal(CoreRecords, await context.Advisories.CountAsync(a => a.Source == "nswg-core", Ct));
        Assert.Equal(NpmRecords + CoreRecords, await context.AffectedPackages.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_SameDataTwice_SecondImportChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await ImportAsync(database, WgVuln);

        var second = await ImportAsync(database, WgVuln);

        Assert.Equal((0, 0, NpmRecords + CoreRecords), (second.Added, second.Updated, second.Unchanged));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_OneRecordsUpdatedAtChanged_UpdatesOnlyThatRecord(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var temp = new TempDirectory();
        var vuln = temp.Combine("vuln");
        CopyTree(WgVuln, vuln);
        await ImportAsync(database, vuln);
        var file = Path.Combine(vuln, "npm", "100.json");
        File.WriteAllText(file,
            File.ReadAllText(file)
                .Replace("\"updated_at\": \"2017-04-14\"", "\"updated_at\": \"2024-02-29\"", StringComparison.Ordinal));

        var second = await ImportAsync(database, vuln);

        Assert.Equal((0, 1, NpmRecords + CoreRecords - 1), (second.Added, second.Updated, second.Unchanged));
        await using var context = database.Open();
        var stored = await new GetAdvisory(context).ExecuteAsync("NSWG-ECO-100", Ct);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 0, 0, 0, TimeSpan.Zero), stored!.Vulnerability.Modified);
    }

    [Theory]
    [InlineData("", NpmRecords + CoreRecords)]
    [InlineData("npm", NpmRecords)]
    [InlineData("core", CoreRecords)]
    [InlineData("..", NpmRecords + CoreRecords)]
    public async Task Execute_VulnDirectoryItsParentOrOneList_FindsTheRecords(string relative, int expected)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var path = relative == ".." ? Path.GetDirectoryName(WgVuln)! : Path.Combine(WgVuln, relative);

        var summary = await ImportAsync(database, path);

        Assert.Empty(summary.Problems);
        Assert.Equal(expected, summary.Added);
    }

    // How long the import takes is measured by the benchmarks (docs/performance.md), not here: a test has no
    // wall-clock limit, since a shared machine's load would make it fail at random.
    [Fact]
    public async Task Execute_WgDatabase_AddsEveryRecord()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var summary = await ImportAsync(database, WgVuln);

        Assert.Equal(NpmRecords + CoreRecords, summary.Added);
    }

    [Fact]
    public async Task Execute_OnlyTheIndexFiles_ReadsTheRecordsFromThem()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("vuln", "npm"));
        Directory.CreateDirectory(temp.Combine("vuln", "core"));
        File.Copy(Path.Combine(WgVuln, "npm", "index.json"), temp.Combine("vuln", "npm", "index.json"));
        foreach (var file in Directory.GetFiles(Path.Combine(WgVuln, "core"), "*.json")
            .Where(f => !f.EndsWith("index.json", StringComparison.Ordinal)))
        {
            File.Copy(file, temp.Combine("vuln", "core", Path.GetFileName(file)));
        }

        var fromIndexes = await ImportAsync(database, temp.Combine("vuln"));
        var fromFiles = await ImportAsync(database, WgVuln);

        Assert.Empty(fromIndexes.Problems);
        Assert.Equal(NpmRecords + CoreRecords, fromIndexes.Added);
        // The same records, except that npm/index.json (written by JavaScript) spells three scores "5"
        // where the record files say "5.0"; Vigil keeps numbers as spelled, so those three are updates.
        Assert.Equal((0, 3, NpmRecords + CoreRecords - 3), (fromFiles.Added, fromFiles.Updated, fromFiles.Unchanged));
    }

    [Fact]
    public async Task Execute_OneWgFileGivenAsOsv_SaysWhatToImportInstead()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var file = Path.Combine(WgVuln, "npm", "1.json");

        var summary = await ImportAsync(database, file);

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(file, problem.File);
        Assert.StartsWith("this is a Node.js Security WG record, not OSV", problem.Reason, StringComparison.Ordinal);
    }
}
