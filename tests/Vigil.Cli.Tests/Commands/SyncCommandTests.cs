using System.IO.Compression;
using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests.Commands;

/// <summary><c>vigil sync</c> against a bucket copied to a directory (the HTTP faults are covered by the Core sync
/// tests).</summary>
public sealed class SyncCommandTests
{
    private static readonly (string Id, string Modified)[] Records =
        [("VIGIL-TEST-0001", "2026-01-01T00:00:00Z"), ("GHSA-xvch-5gv4-984h", "2024-02-13T16:46:27Z"),
            ("GHSA-vh95-rmgr-6w4m", "2023-01-09T05:01:29Z")];

    [Fact]
    public async Task Sync_Directory_FirstRunTakesZipThenNothingChanges()
    {
        using var temp = new TempDirectory();
        var bucket = WriteBucket(temp, Records[1..]);

        var first = await CliRunner.RunAsync("sync", bucket, "--ecosystem", "npm", "--name", "copy", "--database",
            temp.Database);
        WriteBucket(temp, Records);
        var second = await CliRunner.RunAsync("sync", bucket, "--ecosystem", "npm", "--name", "copy", "--database",
            temp.Database);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("copy npm: full (all.zip): 2 added, 0 updated, 0 withdrawn upstream, 0 kept by provenance",
            first.Out, StringComparison.Ordinal);
        Assert.StartsWith("copy npm: downloading all.zip\n", first.Out, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("copy npm: incremental: 1 added, 0 updated", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_ReservedName_IsAUsageError()
    {
        using var temp = new TempDirectory();

        var result = await CliRunner.RunAsync("sync", temp.Path, "--ecosystem", "npm", "--name", "import", "--database",
            temp.Database);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--name: 'import' is reserved", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_MissingEcosystem_FailsNamingTheFile()
    {
        using var temp = new TempDirectory();
        var bucket = WriteBucket(temp, Records);

        var result = await CliRunner.RunAsync("sync", bucket, "--ecosystem", "NuGet", "--database", temp.Database);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("local NuGet: ", result.Err, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("NuGet", "all.zip") + ": not found", result.Err, StringComparison.Ordinal);
    }

    private static string WriteBucket(TempDirectory temp, (string Id, string Modified)[] records)
    {
        var directory = temp.Combine("bucket", "npm");
        Directory.CreateDirectory(directory);
        var zip = Path.Combine(directory, "all.zip");
        File.Delete(zip);
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var (id, _) in records)
            {
                archive.CreateEntryFromFile(Fixtures.Osv(id), id + ".json");
                File.Copy(Fixtures.Osv(id), Path.Combine(directory, id + ".json"), overwrite: true);
            }
        }
        File.WriteAllText(Path.Combine(directory, "modified_id.csv"),
            string.Concat(records.Select(r => $"{r.Modified},{r.Id}\n")));
        return temp.Combine("bucket");
    }
}
