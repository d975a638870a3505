using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using Vigil.Core.Imports;
using static Vigil.Core.Tests.Imports.ImportFixture;

namespace Vigil.Core.Tests.Imports;

public class OsvImportTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_ExamplesDirectory_ImportsAllFiveThenNothingChanges(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var first = await ImportAsync(database, OsvExamples);
        var second = await ImportAsync(database, OsvExamples);

        Assert.Empty(first.Problems);
        Assert.Equal("osv", Assert.Single(first.Paths).Importer);
        Assert.Equal((5, 0, 0), (first.Added, first.Updated, first.Unchanged));
        Assert.Equal((0, 0, 5), (second.Added, second.Updated, second.Unchanged));
        await using var context = database.Open();
        var minimist = await new GetAdvisory(context).ExecuteAsync("CVE-2020-7598", Ct);
        Assert.Equal("GHSA-vh95-rmgr-6w4m", minimist?.Vulnerability.Id);
        Assert.Equal("osv", minimist?.Source);
    }

    [Fact]
    public async Task Execute_OneFile_ImportsIt()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var summary = await ImportAsync(database, Path.Combine(OsvExamples, "GHSA-cm22-4g7w-348p.json"));

        Assert.Equal(1, summary.Added);
        Assert.Empty(summary.Problems);
    }

    [Fact]
    public async Task Execute_BulkZip_ImportsJsonEntriesAndIgnoresOthers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        var zip = temp.Combine("all.zip");
        var entries = Directory.GetFiles(OsvExamples).Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
        entries.Add(("README.txt", "not an advisory"));
        entries.Add(("nested/", ""));
        WriteZip(zip, [.. entries]);
        var reports = new List<ImportProgress>();

        var summary = await ImportAsync(database, [zip],
            progress: new SynchronousProgress<ImportProgress>(reports.Add));

        Assert.Empty(summary.Problems);
        Assert.Equal(5, summary.Added);
        Assert.Equal(new ImportProgress(5, 5, zip), reports[^1]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_BadRecordInABatch_IsReportedAndTheRestIsStored(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var temp = new TempDirectory();
        foreach (var file in Directory.GetFiles(OsvExamples))
        {
            File.Copy(file, temp.Combine(Path.GetFileName(file)));
        }
        var tooLong = "GHSA-" + new string('x', 300);
        temp.Write("long.json", OsvSamples.Minimal(tooLong));

        var summary = await ImportAsync(database, [temp.Path], new ImportOptions { BatchSize = 2 });

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(temp.Combine("long.json"), problem.File);
        Assert.Contains("the id is 305 characters long", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(5, summary.Added);
        await using var context = database.Open();
        Assert.Equal(5, await context.Advisories.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_DatabaseRefusesOneAdvisory_RetriesOneByOneAndStoresTheRest(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var context = database.Open())
        {
            // Stands in for anything the checks before a batch did not foresee.
            foreach (var sql in provider == DatabaseProvider.Sqlite
                ? ["""
                    CREATE TRIGGER reject BEFORE INSERT ON advisories WHEN NEW."Id" = 'GHSA-bad' BEGIN SELECT RAISE(ABORT, 'rejected by test'); END
                    """]
                : new[]
                {
                    """
                    CREATE FUNCTION reject() RETURNS trigger AS $$ BEGIN IF NEW."Id" = 'GHSA-bad' THEN RAISE EXCEPTION 'rejected by test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql
                    """,
                    """CREATE TRIGGER reject BEFORE INSERT ON advisories FOR EACH ROW EXECUTE FUNCTION reject()""",
                })
            {
                await context.Database.ExecuteSqlRawAsync(sql, Ct);
            }
        }
        using var temp = new TempDirectory();
        foreach (var id in new[] { "GHSA-a", "GHSA-bad", "GHSA-c" })
        {
            temp.Write(id + ".json", OsvSamples.Minimal(id));
        }

        var summary = await ImportAsync(database, temp.Path);

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(temp.Combine("GHSA-bad.json"), problem.File);
        Assert.StartsWith("the database refused it: ", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("rejected by test", problem.Reason, StringComparison.Ordinal);
        await using var check = database.Open();
        Assert.Equal(["GHSA-a", "GHSA-c"], await check.Advisories.Select(a => a.Id).OrderBy(id => id).ToListAsync(Ct));
        Assert.Equal(2, await check.AffectedPackages.CountAsync(Ct));
    }

    [Theory]
    [InlineData("missing.json", "no such file or directory")]
    [InlineData("notes.txt", "not a format Vigil imports")]
    public async Task Execute_PathNoImporterTakes_IsReported(string name, string reason)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        temp.Write("notes.txt", "hello");

        var summary = await ImportAsync(database, temp.Combine(name));

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(temp.Combine(name), problem.File);
        Assert.StartsWith(reason, problem.Reason, StringComparison.Ordinal);
        Assert.Null(Assert.Single(summary.Paths).Importer);
    }
}

/// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, too late for an
/// assertion).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
