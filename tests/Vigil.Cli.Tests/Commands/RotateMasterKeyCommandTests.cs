using Microsoft.EntityFrameworkCore;
using Vigil.Cli.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Vigil.Core.Attachments;
using Vigil.Core.Bounties;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.Reputation;

namespace Vigil.Cli.Tests.Commands;

/// <summary><c>vigil admin rotate-master-key</c>: reports stay readable with the new key only; a wrong current key
/// changes nothing.</summary>
public sealed class RotateMasterKeyCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rotate_DefaultKeyFile_ReportsOpenWithTheNewKeyOnly()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "vigil.db");
        var target = DatabaseTarget.Sqlite(db);
        var oldFile = Path.Combine(dir.Path, ReportVaultOptions.KeyFileName);
        // creates the default key file
        var id = await SubmitAsync(target, new ReportVaultOptions().CreateVault(target));
        var newFile = Path.Combine(dir.Path, "next.key");

        var rotate = await CliRunner.RunAsync("admin", "rotate-master-key", "--new-key-file", newFile, "--database",
            db);
        var again = await CliRunner.RunAsync("admin", "rotate-master-key", "--current-key-file", newFile,
            "--new-key-file", newFile, "--database", db);

        Assert.Equal(0, rotate.ExitCode);
        Assert.Contains("Re-wrapped the keys of 1 report(s)", rotate.Out, StringComparison.Ordinal);
        Assert.Contains("Re-wrapped the keys of 0 report(s)", again.Out, StringComparison.Ordinal);
        Assert.Equal($"Prototype pollution {id}",
            await TitleAsync(target, new ReportVaultOptions { MasterKeyFile = newFile }.CreateVault(target), id));
        await Assert.ThrowsAsync<System.Security.Cryptography.CryptographicException>(() =>
            TitleAsync(target, new ReportVaultOptions { MasterKeyFile = oldFile }.CreateVault(target), id));
    }

    [Fact]
    public async Task Rotate_WrongCurrentKey_ChangesNothing()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "vigil.db");
        var target = DatabaseTarget.Sqlite(db);
        var vault = new ReportVaultOptions().CreateVault(target);
        var id = await SubmitAsync(target, vault);
        var wrong = Path.Combine(dir.Path, "wrong.key");
        ReportVaultOptions.CreateKeyFile(wrong);

        var result = await CliRunner.RunAsync("admin", "rotate-master-key", "--current-key-file", wrong,
            "--new-key-file", Path.Combine(dir.Path, "next.key"), "--database", db);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing was changed", result.Err, StringComparison.Ordinal);
        Assert.Equal($"Prototype pollution {id}", await TitleAsync(target, vault, id));
    }

    [Fact]
    public async Task Rotate_MissingCurrentKeyFile_SaysWhich()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "vigil.db");

        var result = await CliRunner.RunAsync("admin", "rotate-master-key", "--current-key-file",
            Path.Combine(dir.Path, "none.key"), "--new-key-file", Path.Combine(dir.Path, "n.key"), "--database", db);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("none.key' does not exist", result.Err, StringComparison.Ordinal);
    }

    private static async Task<long> SubmitAsync(DatabaseTarget target, ReportVault vault)
    {
        await using var db = await VigilDatabase.OpenAndMigrateAsync(target, Ct);
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        var gate = new ReportIntakeGate(db, new ReporterReputation(db, new BountyAwardedReports(db)));
        var report = await new SubmitReport(db, vault, TimeProvider.System, SilentReportNotifier.Instance,
                Options.Create(new AttachmentOptions()), gate)
            .ExecuteAsync("npm-eco",
                new SubmitReportRequest([new ReportPackageInput("npm", "deep-merge", "<=1.4.1")],
                    "Prototype pollution 1", "details"),
                Actor.Anonymous, Ct);
        return report.Id;
    }

    private static async Task<string> TitleAsync(DatabaseTarget target, ReportVault vault, long id)
    {
        await using var db = VigilDatabase.Open(target);
        return (await new GetReport(db, vault, TimeProvider.System).ExecuteAsync(id, Actor.System, Ct)).Title;
    }
}
