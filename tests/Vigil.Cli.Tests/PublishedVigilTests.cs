using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests;

/// <summary>
/// The published vigil (<c>dotnet publish src/Vigil.Cli -c Release -o DIR</c>, docs/cli.md "Building
/// it"): the Native AOT executable that runs <c>vigil audit</c>, and the managed build in <c>host/</c>
/// that it hands every other command to. Publishing takes minutes, so the tests do not do it
/// themselves: <c>.ci/run</c> publishes once and names DIR in <c>VIGIL_TEST_PUBLISHED</c>.
/// </summary>
public sealed class PublishedVigilTests(AdvisoryDatabase database)
{
    public const string Variable = "VIGIL_TEST_PUBLISHED";

    private static readonly string[][] Outputs = [["--json"], ["--sarif"], []];

    [Fact]
    public void Publish_WithACToolchain_IsTheNativeAuditBesideTheManagedHost()
    {
        var directory = PublishedDirectory();

        Assert.True(File.Exists(Path.Combine(directory, "vigil")), "no DIR/vigil");
        Assert.False(File.Exists(Path.Combine(directory, "vigil.dll")),
            "DIR/vigil is the managed build, not the native one");
        Assert.True(File.Exists(Path.Combine(directory, "host", "vigil.dll")), "no managed build in DIR/host");
    }

    [Theory]
    [InlineData("npm-package-lock-v3")]
    [InlineData("npm-package-lock-v1")]
    [InlineData("yarn-v1")]
    [InlineData("yarn-berry")]
    [InlineData("pnpm-9.15.9")]
    public async Task Audit_NativeAndManaged_PrintTheSameReportAndStatus(string sample)
    {
        var directory = PublishedDirectory();
        database.RequireNodejsWg();
        using var cwd = new TempDirectory();

        foreach (var output in Outputs)
        {
            string[] args = ["audit", SharedData.Lockfiles(sample), "--database", database.Path, .. output];
            var native = await VigilProcess.RunFileAsync(Path.Combine(directory, "vigil"), cwd.Path, args);
            var managed = await VigilProcess.RunFileAsync(Path.Combine(directory, "host", "vigil"), cwd.Path, args);

            Assert.True(managed.ExitCode is 0 or 1, managed.ToString());
            Assert.Equal(managed.ExitCode, native.ExitCode);
            Assert.Equal(managed.Out, native.Out);
            Assert.Equal(managed.Err, native.Err);
        }
    }

    [Fact]
    public async Task Audit_RealLockfile_FindsTheWgAdvisories()
    {
        var directory = PublishedDirectory();
        database.RequireNodejsWg();
        using var cwd = new TempDirectory();

        var result = await VigilProcess.RunFileAsync(Path.Combine(directory, "vigil"), cwd.Path,
            "audit", SharedData.Lockfiles("pnpm-9.15.9"), "--json", "--database", database.Path);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(3, result.Json().GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public async Task ImportAndFreshDatabase_AreHandedToTheHost()
    {
        var directory = PublishedDirectory();
        using var temp = new TempDirectory();
        var fresh = Path.Combine(temp.Path, "fresh.db");

        var import = await VigilProcess.RunFileAsync(Path.Combine(directory, "vigil"), temp.Path, "import",
            Fixtures.OsvDirectory, "--database", temp.Database);
        var audit = await VigilProcess.RunFileAsync(Path.Combine(directory, "vigil"), temp.Path,
            "audit", SharedData.Lockfiles("yarn-v1"), "--json", "--database", fresh);

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("added", import.Out, StringComparison.Ordinal);
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Contains("has no advisories yet", audit.Err, StringComparison.Ordinal);
        Assert.True(File.Exists(fresh));
    }

    private static string PublishedDirectory()
    {
        var directory = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(directory))
        {
            Assert.Skip(
                $"{Variable} is not set: publish vigil (dotnet publish src/Vigil.Cli -c Release -o DIR) and set it to "
                    + "DIR; .ci/run does");
        }
        return directory;
    }
}
