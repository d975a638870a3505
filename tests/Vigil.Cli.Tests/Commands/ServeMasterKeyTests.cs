using Vigil.Cli.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Vigil.Core.Attachments;
using Vigil.Core.Bounties;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.Reputation;

namespace Vigil.Cli.Tests.Commands;

/// <summary><c>vigil serve</c> with a master key that does not open the stored reports: says so and exits
/// non-zero.</summary>
public sealed class ServeMasterKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_KeyFileReplaced_PrintsTheSettingAndExitsNonZero()
    {
        using var dir = new TempDirectory();
        var target = DatabaseTarget.Sqlite(dir.Database);
        var keyFile = Path.Combine(dir.Path, ReportVaultOptions.KeyFileName);
        await using (var db = await VigilDatabase.OpenAndMigrateAsync(target, Ct))
        {
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
            var gate = new ReportIntakeGate(db, new ReporterReputation(db, new BountyAwardedReports(db)));
            await new SubmitReport(db, new ReportVaultOptions().CreateVault(target), TimeProvider.System,
                    SilentReportNotifier.Instance, Options.Create(new AttachmentOptions()), gate)
                .ExecuteAsync("npm-eco", // key A, in the default file
                    new SubmitReportRequest([new ReportPackageInput("npm", "deep-merge", "<=1.4.1")],
                        "Prototype pollution", "details"),
                    Actor.Anonymous, Ct);
        }
        VigilDatabase.ClearSqlitePools();
        File.Delete(keyFile);
        ReportVaultOptions.CreateKeyFile(keyFile); // key B

        var result = await CliRunner.RunAsync(["serve", "--database", dir.Database, "--urls", "http://127.0.0.1:0"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Vigil:Reports:MasterKey", result.Err, StringComparison.Ordinal);
        Assert.Contains("not the key this database's reports were sealed with", result.Err, StringComparison.Ordinal);
    }
}
