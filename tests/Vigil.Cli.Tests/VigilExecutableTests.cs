using System.Diagnostics;
using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests;

/// <summary>The shipped executable, run as a process from an unrelated working directory.</summary>
public sealed class VigilExecutableTests(AdvisoryDatabase database)
{
    [Fact]
    public async Task Audit_Json_ExitsOneWithTheFindings()
    {
        using var cwd = new TempDirectory();

        var result = await VigilProcess.RunAsync(cwd.Path, "audit", SharedData.Lockfiles("pnpm-9.15.9"), "--json",
            "--database", database.Path);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(3, result.Json().GetProperty("findings").GetArrayLength());
        Assert.Equal("", result.Err);
    }

    [Fact]
    public async Task Audit_WithoutPath_AuditsTheWorkingDirectory()
    {
        using var cwd = new TempDirectory();
        File.Copy(Path.Combine(SharedData.Lockfiles("yarn-v1"), "yarn.lock"), cwd.Combine("yarn.lock"));

        var result = await VigilProcess.RunAsync(cwd.Path, "audit", "--json", "--audit-level", "critical", "--database",
            database.Path);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("yarn.lock", result.Json().GetProperty("lockfiles")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task AdvisoryShow_UnknownId_PrintsOneLineAndNoStackTrace()
    {
        using var cwd = new TempDirectory();

        var result = await VigilProcess.RunAsync(cwd.Path, "advisory", "show", "NOPE-1", "--database", database.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("vigil: advisory 'NOPE-1' not found\n", result.Err);
    }

    [Fact]
    public async Task UnknownOption_ExitsTwo()
    {
        using var cwd = new TempDirectory();

        var result = await VigilProcess.RunAsync(cwd.Path, "audit", "--no-such-option");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith("vigil: Unrecognized option '--no-such-option'.", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_CtrlC_StopsWithStatus130AndOneLine()
    {
        using var temp = new TempDirectory();
        using var process = VigilProcess.StartWithDefaultInterrupt(temp.Path, "import", SharedData.NodejsWgVuln(),
            "--database", temp.Database);
        // Wait until the import has started (its first progress line), then send SIGINT as a terminal would.
        var firstLine = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("importing ", firstLine, StringComparison.Ordinal);
        Assert.False(process.HasExited, "the import finished before Ctrl-C could be sent");
        using (var kill = Process.Start("kill",
            ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var result = await VigilProcess.WaitAsync(process);

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Equal("vigil: cancelled\n", result.Err);
    }
}
