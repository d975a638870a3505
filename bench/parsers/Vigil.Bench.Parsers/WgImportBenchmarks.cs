using BenchmarkDotNet.Attributes;
using Vigil.Core.Data;
using Vigil.Core.Imports;

namespace Vigil.Bench.Parsers;

/// <summary>
/// Importing the Node.js Security WG database (every npm and core record, read from ../shared) into a new,
/// migrated SQLite database, and importing it again when nothing changed.
/// </summary>
[InProcessMonitoringJob]
[MedianColumn]
[MinColumn]
public class WgImportBenchmarks
{
    private string _directory = "";
    private DatabaseTarget _target = DatabaseTarget.Sqlite("unset");
    private string _vuln = "";

    [GlobalSetup]
    public void Setup() => _vuln = SharedFolder.Path("data", "nodejs-security-wg", "vuln");

    [IterationSetup(Target = nameof(ImportIntoEmptyDatabase))]
    public void EmptyDatabase() => NewDatabase();

    [IterationSetup(Target = nameof(ImportAgainUnchanged))]
    public void ImportedDatabase()
    {
        NewDatabase();
        Import().GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void Cleanup()
    {
        VigilDatabase.ClearSqlitePools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public Task<int> ImportIntoEmptyDatabase() => Import();

    [Benchmark]
    public Task<int> ImportAgainUnchanged() => Import();

    private void NewDatabase()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"vigil-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        _target = DatabaseTarget.Sqlite(Path.Combine(_directory, "vigil.db"));
        using var migrated = VigilDatabase.OpenAndMigrateAsync(_target).GetAwaiter().GetResult();
    }

    private async Task<int> Import()
    {
        await using var db = VigilDatabase.Open(_target);
        var summary = await new ImportAdvisories(db, TimeProvider.System, ImportOptions.Default).ExecuteAsync([_vuln]);
        if (summary.Problems.Count > 0)
        {
            throw new InvalidOperationException($"the WG import reported {summary.Problems.Count} problems");
        }
        return summary.Paths.Sum(p => p.Added + p.Updated + p.Unchanged);
    }
}
