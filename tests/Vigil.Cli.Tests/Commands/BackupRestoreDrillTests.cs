using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vigil.Cli.Tests.Infrastructure;
using Vigil.Core.Attachments;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Cli.Tests.Commands;

/// <summary>
/// The restore drill with the real commands: an instance with advisories, reports, comments and attachments is backed
/// up while open, restored into a fresh instance, and compared record by record (reports and attachments decrypted). A
/// wrong key restores nothing and leaves the target as it was. On PostgreSQL the documented pg_dump / pg_restore
/// procedure is run with the real tools and checked with the same comparison.
/// </summary>
public sealed class BackupRestoreDrillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Drill_SqliteBackupRestoredIntoAFreshInstance_EveryRecordIdentical()
    {
        using var dir = new TempDirectory();
        var live = dir.Combine("live", "vigil.db");
        Assert.Equal(0, (await CliRunner.RunAsync("import", Fixtures.OsvDirectory, "--database", live)).ExitCode);
        var target = DatabaseTarget.Sqlite(live);
        var vault = new ReportVaultOptions().CreateVault(target); // the default key file beside the database
        var reports = await FillAsync(target, vault);
        // the server: a connection open on the live database throughout
        await using var reader = VigilDatabase.Open(target);
        Assert.True(await reader.Reports.AnyAsync(Ct));

        var backup = await CliRunner.RunAsync("admin", "backup", "--database", live, "--to", dir.Combine("backup"));
        var restore =
            await CliRunner.RunAsync("admin", "restore", "--from", dir.Combine("backup"), "--database",
                dir.Combine("fresh", "vigil.db"));
        var compare =
            await CliRunner.RunAsync("admin", "compare", "--database", live, "--with",
                dir.Combine("fresh", "vigil.db"));

        Assert.True(backup.ExitCode == 0, backup.Err);
        Assert.Contains($"{reports} reports and 4 attachments", backup.Out, StringComparison.Ordinal);
        Assert.True(restore.ExitCode == 0, restore.Err);
        Assert.True(compare.ExitCode == 0, compare.Out + compare.Err);
        Assert.Contains($"Identical: ", compare.Out, StringComparison.Ordinal);
        Assert.Contains($"{reports} reports and 4 attachments", compare.Out, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(dir.Combine("live", ReportVaultOptions.KeyFileName)),
            File.ReadAllText(dir.Combine("fresh", ReportVaultOptions.KeyFileName)));

        // The comparison sees a write made after the backup.
        await using (var db = VigilDatabase.Open(target))
        {
            await new CommentOnReport(db, vault, TimeProvider.System).ExecuteAsync(1, Actor.System, "after the backup",
                internalNote: true, Ct);
        }
        var later =
            await CliRunner.RunAsync("admin", "compare", "--database", live, "--with",
                dir.Combine("fresh", "vigil.db"));
        Assert.Equal(1, later.ExitCode);
        Assert.Contains("missing in the copy", later.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_WrongKey_RefusedAndTargetUntouched()
    {
        using var dir = new TempDirectory();
        var live = dir.Combine("live", "vigil.db");
        var target = DatabaseTarget.Sqlite(live);
        await FillAsync(target, new ReportVaultOptions().CreateVault(target));
        Assert.Equal(0,
            (
            await CliRunner.RunAsync("admin", "backup", "--database", live, "--to", dir.Combine("backup"),
            "--without-key")).ExitCode);
        var wrong = dir.Combine("wrong.key");
        ReportVaultOptions.CreateKeyFile(wrong);
        var existing = dir.Combine("existing", "vigil.db");
        Directory.CreateDirectory(dir.Combine("existing"));
        File.WriteAllText(existing, "the instance already here");
        var before = SHA256.HashData(File.ReadAllBytes(existing));

        var noKey =
            await CliRunner.RunAsync("admin", "restore", "--from", dir.Combine("backup"), "--database",
                dir.Combine("fresh", "vigil.db"));
        var fresh =
            await CliRunner.RunAsync("admin", "restore", "--from", dir.Combine("backup"), "--database",
                dir.Combine("fresh", "vigil.db"), "--master-key-file", wrong);
        var over =
            await CliRunner.RunAsync("admin", "restore", "--from", dir.Combine("backup"), "--database", existing,
                "--master-key-file", wrong, "--replace");

        Assert.Equal(1, noKey.ExitCode);
        Assert.Contains("no master key", noKey.Err, StringComparison.Ordinal);
        Assert.Equal(1, fresh.ExitCode);
        Assert.Contains("the master key does not open the reports in the backup", fresh.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was written", fresh.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("fresh", "vigil.db")));
        Assert.False(File.Exists(dir.Combine("fresh", ReportVaultOptions.KeyFileName)));
        Assert.Equal(1, over.ExitCode);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(existing)));
        Assert.Equal(["vigil.db"], Directory.GetFiles(dir.Combine("existing")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Backup_IntoAFolderHoldingOne_Refused()
    {
        using var dir = new TempDirectory();
        var live = dir.Combine("live", "vigil.db");
        await FillAsync(DatabaseTarget.Sqlite(live), new ReportVaultOptions().CreateVault(DatabaseTarget.Sqlite(live)));
        Assert.Equal(0,
            (await CliRunner.RunAsync("admin", "backup", "--database", live, "--to", dir.Combine("backup"))).ExitCode);

        var again = await CliRunner.RunAsync("admin", "backup", "--database", live, "--to", dir.Combine("backup"));

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("exists already; back up into a new folder", again.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drill_PostgresDumpRestoredIntoAFreshDatabase_EveryRecordIdentical()
    {
        var tools = PgTools();
        await using var source = await PostgresDatabase.CreateAsync();
        await using var copy = await PostgresDatabase.CreateAsync();
        using var dir = new TempDirectory();
        var keyFile = dir.Combine("master.key");
        ReportVaultOptions.CreateKeyFile(keyFile);
        var target = DatabaseTarget.Parse(source.ConnectionString);
        Assert.Equal(0,
            (await CliRunner.RunAsync("import", Fixtures.OsvDirectory, "--database",
                source.ConnectionString)).ExitCode);
        var reports = await FillAsync(target, new ReportVaultOptions { MasterKeyFile = keyFile }.CreateVault(target));

        // The procedure docs/reliability.md gives: a custom-format dump, restored into a new, empty database.
        await RunAsync(Path.Combine(tools, "pg_dump"), "--format=custom", "--no-owner", "--file",
            dir.Combine("vigil.dump"), Url(source.ConnectionString));
        await RunAsync(Path.Combine(tools, "pg_restore"), "--no-owner", "--exit-on-error", "--dbname",
            Url(copy.ConnectionString), dir.Combine("vigil.dump"));
        var compare =
            await CliRunner.RunAsync("admin", "compare", "--database", source.ConnectionString, "--with",
                copy.ConnectionString, "--master-key-file", keyFile);

        Assert.True(compare.ExitCode == 0, compare.Out + compare.Err);
        Assert.Contains($"{reports} reports and 4 attachments", compare.Out, StringComparison.Ordinal);
    }

    /// <summary>Three reports (one published), comments, an internal note and four attachments; returns the number of
    /// reports.</summary>
    private static async Task<int> FillAsync(DatabaseTarget target, ReportVault vault)
    {
        await using var db = await VigilDatabase.OpenAndMigrateAsync(target, Ct);
        var time = TimeProvider.System;
        await new CreateProgram(db, time).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        for (var n = 1; n <= 3; n++)
        {
            var report = await Use<SubmitReport>(db, vault, time).ExecuteAsync("npm-eco",
                new SubmitReportRequest([new ReportPackageInput("npm", $"deep-merge-{n}", "<=1.4.1")],
                    $"Prototype pollution {n}", $"Details {n} ünïcödé",
                    ProofOfConcept: $"require('deep-merge-{n}')", ReporterEmail: $"finder{n}@example.test",
                    Attachments: [
                        new AttachmentUpload($"poc-{n}.txt", System.Text.Encoding.UTF8.GetBytes($"proof {n}\n"))]),
                Actor.Anonymous, Ct);
            db.ChangeTracker.Clear();
            await new CommentOnReport(db, vault, time).ExecuteAsync(report.Id, Actor.FollowUp(report.FollowUpToken!),
                $"more detail on {n}", false, Ct);
            if (n == 1)
            {
                await Use<TriageReport>(db, vault, time).AcceptAsync(report.Id, Actor.System, Ct);
                await new CommentOnReport(db, vault, time).ExecuteAsync(report.Id, Actor.System, "a team note", true,
                    Ct);
                await new AttachToReport(db, vault, time,
                    Microsoft.Extensions.Options.Options.Create(new AttachmentOptions())).ExecuteAsync(report.Id,
                    Actor.System,
                    [new AttachmentUpload("trace.log", "stack trace\n"u8.ToArray())], internalOnly: true, Ct);
                await Use<PublishReport>(db, vault, time).ExecuteAsync(report.Id, Actor.System, Ct);
            }
        }
        return 3;
    }

    private static string PgTools()
    {
        var dir = Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator)
            .Append("/usr/lib/postgresql/15/bin")
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_dump")) && File.Exists(Path.Combine(d, "pg_restore")));
        if (dir is null)
        {
            Assert.Skip("pg_dump and pg_restore are not installed (on PATH or in /usr/lib/postgresql/15/bin).");
        }
        return dir!;
    }

    private static string Url(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var password = string.IsNullOrEmpty(b.Password) ? "" : ":" + Uri.EscapeDataString(b.Password);
        return $"postgresql://{Uri.EscapeDataString(b.Username!)}{password}@{b.Host}:{b.Port}/"
            + $"{Uri.EscapeDataString(b.Database!)}";
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync(Ct);
        await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(file)}: {await err}");
    }

    private static T Use<T>(VigilDbContext db, ReportVault vault, TimeProvider clock) where T : notnull =>
        UseCases.Compose<T>(db, clock, vault);
}
