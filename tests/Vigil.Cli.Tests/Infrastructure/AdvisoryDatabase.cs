using Vigil.Cli.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(AdvisoryDatabase))]

namespace Vigil.Cli.Tests.Infrastructure;

/// <summary>
/// One SQLite database for the whole test run, filled by the real <c>vigil import</c>: our OSV test
/// advisories, plus the Node.js Security WG database from shared/ when it is there. Tests only read it;
/// tests that write get their own <see cref="TempDirectory"/>.
/// </summary>
public sealed class AdvisoryDatabase : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public string Path => _directory.Database;

    /// <summary>The import's own result, checked by the import tests.</summary>
    public CliResult Import { get; private set; } = null!;

    public bool HasNodejsWg { get; private set; }

    public async ValueTask InitializeAsync()
    {
        HasNodejsWg = SharedData.Exists;
        string[] sources = HasNodejsWg ? [Fixtures.OsvDirectory, SharedData.NodejsWgVuln()] : [Fixtures.OsvDirectory];
        Import = await CliRunner.RunAsync(["import", .. sources, "--database", Path],
            cancellationToken: CancellationToken.None);
    }

    /// <summary>Skips the calling test when the WG data was not imported (no shared/ folder).</summary>
    public void RequireNodejsWg()
    {
        if (!HasNodejsWg)
        {
            SharedData.Path();
        }
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
