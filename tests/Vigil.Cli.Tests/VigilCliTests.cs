using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests;

public sealed class VigilCliTests(AdvisoryDatabase database)
{
    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("audit --bogus")]
    [InlineData("audit --jsn")]
    [InlineData("audit . extra")]
    [InlineData("audit --audit-level severe")]
    [InlineData("audit --omit peer")]
    [InlineData("import")]
    [InlineData("import --database")]
    [InlineData("export osv")]
    [InlineData("export csv out")]
    [InlineData("advisory")]
    [InlineData("advisory show")]
    [InlineData("advisory show --verbose X")]
    public async Task Run_BadCommandLine_ExitsTwoWithUsageErrorOnStderr(string commandLine)
    {
        var result = await CliRunner.RunAsync(Words(commandLine));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Out);
        Assert.All(result.ErrLines[..^1], line => Assert.StartsWith("vigil: ", line, StringComparison.Ordinal));
        Assert.Matches(@"^Run 'vigil( [a-z]+)* --help' for usage\.$", result.ErrLines[^1]);
    }

    [Theory]
    [InlineData("--help", "audit")]
    [InlineData("audit --help", "--audit-level")]
    [InlineData("import -h", "--database")]
    [InlineData("advisory show --help", "--json")]
    public async Task Run_Help_PrintsUsageAndExitsZero(string commandLine, string mentioned)
    {
        var result = await CliRunner.RunAsync(Words(commandLine));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Contains(mentioned, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Version_PrintsTheVersion()
    {
        var result = await CliRunner.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("0.1.0", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_FromVigilDatabaseVariable_IsUsedWithoutTheOption()
    {
        var result = await CliRunner.RunAsync(["advisory", "show", Fixtures.Moderate],
            new Dictionary<string, string> { ["VIGIL_DATABASE"] = database.Path });

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Database_OptionWinsOverTheVariable()
    {
        using var temp = new TempDirectory();

        var result = await CliRunner.RunAsync(
            ["advisory", "show", Fixtures.Moderate, "--database", database.Path],
            new Dictionary<string, string> { ["VIGIL_DATABASE"] = temp.Database });

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(temp.Database));
    }

    [Fact]
    public async Task Database_Default_IsVigilDbInTheDataDirectory()
    {
        using var temp = new TempDirectory();
        var dataDir = temp.Combine("data", "nested");

        var result = await CliRunner.RunAsync(["advisory", "show", "X-1"],
            new Dictionary<string, string> { ["VIGIL_DATA_DIR"] = dataDir });

        Assert.Equal(1, result.ExitCode); // an empty, freshly created database
        Assert.True(File.Exists(Path.Combine(dataDir, "vigil.db")));
    }

    [Theory]
    [InlineData("postgres://", "vigil: --database: The PostgreSQL URL is not valid")]
    [InlineData("Host=127.0.0.1;Port=1;Database=vigil;Username=vigil;Password=hunter2;Timeout=1",
        "vigil: cannot open the database (PostgreSQL Host=127.0.0.1;Port=1;Database=vigil;Username=vigil;Timeout=1): ")]
    public async Task Database_Unusable_IsOneLineWithoutThePassword(string value, string expectedStart)
    {
        var result = await CliRunner.RunAsync("advisory", "show", "X-1", "--database", value);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith(expectedStart, line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Cancelled_ExitsWithSigintStatusAndOneLine()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var result = await CliRunner.RunAsync(["audit", SharedData.Lockfiles("yarn-v1"), "--database", database.Path],
            cancellationToken: cancelled.Token);

        Assert.Equal(130, result.ExitCode);
        Assert.Equal("vigil: cancelled", Assert.Single(result.ErrLines));
    }

    private static string[] Words(string commandLine) => commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
