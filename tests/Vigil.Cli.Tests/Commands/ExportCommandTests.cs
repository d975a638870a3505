using System.Text.Json;
using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests.Commands;

public sealed class ExportCommandTests
{
    [Fact]
    public async Task Export_Osv_WritesEachAdvisoryAndReimportsUnchanged()
    {
        using var temp = new TempDirectory();
        await CliRunner.RunAsync("import", Fixtures.OsvDirectory, "--database", temp.Database);
        var output = temp.Combine("out");

        var export = await CliRunner.RunAsync("export", "osv", output, "--database", temp.Database);
        var reimport = await CliRunner.RunAsync("import", output, "--database", temp.Database);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains($"exported 3 advisories to {output}", export.Out, StringComparison.Ordinal);
        var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, Fixtures.Critical + ".json")))
            .RootElement;
        Assert.Equal(Fixtures.Critical, written.GetProperty("id").GetString());
        Assert.True(reimport.ExitCode == 0, reimport.ToString());
        Assert.Contains("0 added, 0 updated, 3 unchanged", reimport.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Nswg_WritesTheWorkingGroupLayout()
    {
        using var temp = new TempDirectory();
        await CliRunner.RunAsync("import", Fixtures.OsvDirectory, "--database", temp.Database);
        var output = temp.Combine("vuln");

        var result = await CliRunner.RunAsync("export", "nswg", output, "--database", temp.Database);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(output, "npm", "index.json")));
        Assert.True(File.Exists(Path.Combine(output, "core", "index.json")));
    }

    [Fact]
    public async Task Export_IntoAFile_IsAUsageError()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("taken", "x");

        var result = await CliRunner.RunAsync("export", "osv", file, "--database", temp.Database);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"vigil: {file}: is a file, not a directory", Assert.Single(result.ErrLines));
    }
}
