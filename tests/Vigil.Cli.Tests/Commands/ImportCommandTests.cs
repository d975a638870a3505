using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests.Commands;

public sealed class ImportCommandTests(AdvisoryDatabase database)
{
    [Fact]
    public void Import_NodejsWgAndOsv_ImportsEverythingAndExitsZero()
    {
        database.RequireNodejsWg();

        Assert.True(database.Import.ExitCode == 0, database.Import.ToString());
        Assert.Contains("│ nswg ", database.Import.Out, StringComparison.Ordinal);
        Assert.Contains("│ osv ", database.Import.Out, StringComparison.Ordinal);
        Assert.Equal("", database.Import.Err);
    }

    [Fact]
    public async Task Import_OsvDirectory_AddsEachRecordThenLeavesThemUnchanged()
    {
        using var temp = new TempDirectory();

        var first = await CliRunner.RunAsync("import", Fixtures.OsvDirectory, "--database", temp.Database);
        var second = await CliRunner.RunAsync("import", Fixtures.OsvDirectory, "--database", temp.Database);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("3 added, 0 updated, 0 unchanged in SQLite " + temp.Database, first.Out,
            StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("0 added, 0 updated, 3 unchanged", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OffTerminal_PrintsPlainProgressLines()
    {
        using var temp = new TempDirectory();

        var result = await CliRunner.RunAsync("import", Fixtures.OsvDirectory, "--database", temp.Database);

        Assert.StartsWith($"importing {Fixtures.OsvDirectory}\n", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Out, StringComparison.Ordinal); // no ANSI escapes in logs
    }

    [Fact]
    public async Task Import_SomeBadRecords_ListsEachWithItsFileStoresTheRestAndExitsOne()
    {
        using var temp = new TempDirectory();
        var input = temp.Combine("input");
        Directory.CreateDirectory(input);
        File.Copy(Fixtures.Osv(Fixtures.Moderate), Path.Combine(input, "good.json"));
        temp.Write("input/not-json.json", "{ this is not json");
        temp.Write("input/no-id.json", """{"modified": "2024-01-01T00:00:00Z"}""");

        var result = await CliRunner.RunAsync("import", input, "--database", temp.Database);
        var show = await CliRunner.RunAsync("advisory", "show", Fixtures.Moderate, "--database", temp.Database);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("1 added", result.Out, StringComparison.Ordinal);
        Assert.Contains(result.ErrLines,
            line => line.StartsWith(Path.Combine(input, "not-json.json") + ": ", StringComparison.Ordinal));
        Assert.Contains(result.ErrLines,
            line => line.StartsWith(Path.Combine(input, "no-id.json") + ": ", StringComparison.Ordinal));
        Assert.Equal("vigil: 2 records were skipped (listed above); the rest was imported", result.ErrLines[^1]);
        Assert.Equal(0, show.ExitCode);
    }

    [Fact]
    public async Task Import_MissingPath_IsAUsageErrorAndStoresNothing()
    {
        using var temp = new TempDirectory();
        var missing = temp.Combine("no-such-dir");

        var result = await CliRunner.RunAsync("import", Fixtures.OsvDirectory, missing, "--database", temp.Database);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"vigil: {missing}: no such file or directory", Assert.Single(result.ErrLines));
        Assert.False(File.Exists(temp.Database));
    }

    [Fact]
    public async Task Import_UnrecognisedFile_IsAUsageError()
    {
        using var temp = new TempDirectory();
        var text = temp.Write("notes.txt", "hello");

        var result = await CliRunner.RunAsync("import", text, "--database", temp.Database);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"vigil: {text}: not a format Vigil imports", Assert.Single(result.ErrLines),
            StringComparison.Ordinal);
    }
}
