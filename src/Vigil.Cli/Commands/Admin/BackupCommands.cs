using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using Vigil.Core.Backups;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Cli.Commands.Admin;

/// <summary>
/// <c>vigil admin backup</c>, <c>restore</c> and <c>compare</c> (docs/reliability.md): an online backup of a
/// SQLite instance with its master key, a restore that refuses a key that does not open the backup, and a
/// comparison of two databases record by record (reports and attachments decrypted), which is the restore
/// drill's proof on SQLite and PostgreSQL alike.
/// </summary>
internal static class BackupCommands
{
    public static Command Backup(CliConsole console)
    {
        var to = new Option<string>("--to")
        {
            Required = true,
            Description = "A new folder for the backup (vigil.db and vigil-master.key)",
        };
        var key = KeyOption();
        var withoutKey = new Option<bool>("--without-key")
        {
            Description = "Leave the master key out of the backup "
                + "(keep it apart; restore then needs --master-key-file)",
        };
        var database = new DatabaseOption();
        var command = new Command(
            "backup", "Back up a SQLite instance while it runs (PostgreSQL: see docs/reliability.md)")
        {
            to, key, withoutKey, database,
        };
        command.SetAction(async (parse, ct) =>
        {
            var file = SqliteFile(database.Target(parse, console), "backup");
            var started = Stopwatch.GetTimestamp();
            var inventory = await Run(() => SqliteBackup.BackupAsync(file, parse.GetValue(to)!,
                KeyFile(parse.GetValue(key), file), !parse.GetValue(withoutKey), ct));
            await console.Out.WriteLineAsync(
                $"Backed up {Describe(inventory)} to {Path.GetFullPath(parse.GetValue(to)!)} in "
                + $"{Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; the master key opens every report in it.");
            if (parse.GetValue(withoutKey))
            {
                await console.Out.WriteLineAsync(
                    "The master key is not in the backup: keep a copy of it apart, a restore needs it.");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Restore(CliConsole console)
    {
        var from = new Option<string>("--from") { Required = true, Description = "The backup folder" };
        var key = new Option<string?>("--master-key-file")
        {
            Description = "The key the backup's reports were sealed with (default: the backup's vigil-master.key)",
        };
        var replace = new Option<bool>("--replace")
        {
            Description = "Restore over an existing database and key file (stop the server first)",
        };
        var database = new DatabaseOption();
        var command = new Command("restore", "Restore a SQLite backup; a key that does not open it changes nothing")
        {
            from, key, replace, database,
        };
        command.SetAction(async (parse, ct) =>
        {
            var file = SqliteFile(database.Target(parse, console), "restore");
            var inventory = await Run(() => SqliteBackup.RestoreAsync(
                parse.GetValue(from)!, file, parse.GetValue(key), parse.GetValue(replace), ct));
            await console.Out.WriteLineAsync($"Restored {Describe(inventory)} to {file}, with its master key in "
                + $"{ReportVaultOptions.KeyFileName} beside it.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Compare(CliConsole console)
    {
        var with = new Option<string>("--with")
        {
            Required = true,
            HelpName = "DB",
            Description = "The other database (the restored copy): SQLite file or PostgreSQL connection string",
        };
        var key = KeyOption();
        var database = new DatabaseOption();
        var command = new Command(
            "compare", "Compare two databases record by record, reports and attachments decrypted (the restore drill)")
        {
            with, key, database,
        };
        command.SetAction(async (parse, ct) =>
        {
            var original = database.Target(parse, console);
            DatabaseTarget copy;
            try
            {
                copy = DatabaseTarget.Parse(parse.GetValue(with)!);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new CliException($"--with: {e.Message}", ExitCodes.Usage);
            }
            var keyFile = parse.GetValue(key) ?? (original.SqliteFile() is { } sqlite ? KeyFile(null, sqlite)
                : throw new CliException("--master-key-file is required on PostgreSQL.", ExitCodes.Usage));
            ReportVault vault;
            try
            {
                vault = new ReportVaultOptions { MasterKeyFile = keyFile }.CreateVault(original);
            }
            catch (InvalidOperationException e)
            {
                throw new CliException($"--master-key-file: {e.Message}", ExitCodes.Usage);
            }
            var left = await InventoryAsync(original, vault, ct);
            var right = await InventoryAsync(copy, vault, ct);
            var differences = left.Differences(right);
            foreach (var difference in differences)
            {
                await console.Out.WriteLineAsync(difference);
            }
            await console.Out.WriteLineAsync(differences.Count == 0
                ? $"Identical: {Describe(left)}, every one compared decrypted, and the row count of every table."
                : $"{differences.Count} difference(s) between {Describe(left)} and the copy's {Describe(right)}.");
            return differences.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static Option<string?> KeyOption() => new("--master-key-file")
    {
        Description = "The master key file (default: vigil-master.key beside the SQLite database)",
    };

    private static async Task<DataInventory> InventoryAsync(
        DatabaseTarget target, ReportVault vault, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = VigilDatabase.Open(target);
            return await DataInventory.TakeAsync(db, vault, cancellationToken);
        }
        catch (CryptographicException e)
        {
            throw new CliException(
                $"the master key does not open the reports in {target.Describe()}: {e.Message}", ExitCodes.Failure);
        }
        catch (Exception e) when (e is not (OperationCanceledException or CliException))
        {
            throw new CliException($"cannot read {target.Describe()}: {ErrorText.Innermost(e)}", ExitCodes.Failure);
        }
        finally
        {
            VigilDatabase.ClearSqlitePools();
        }
    }

    private static string SqliteFile(DatabaseTarget target, string verb) => target.SqliteFile() is { } file
        ? Path.GetFullPath(file)
        : throw new CliException($"vigil admin {verb} is for SQLite; back up PostgreSQL with pg_dump and restore "
            + "with pg_restore (docs/reliability.md), then check with vigil admin compare.", ExitCodes.Usage);

    private static string KeyFile(string? given, string databaseFile)
    {
        var file = given
            ?? Path.Combine(
                Path.GetDirectoryName(Path.GetFullPath(databaseFile)) ?? ".", ReportVaultOptions.KeyFileName);
        return File.Exists(file) ? file : throw new CliException(given is null
            ? $"no master key beside the database: '{file}' does not exist (the server creates it on its first "
                + "start); give the key file with --master-key-file."
            : $"--master-key-file: '{file}' does not exist.", ExitCodes.Usage);
    }

    private static string Describe(DataInventory inventory) =>
        $"{inventory.Advisories} advisories, {inventory.Reports} reports and {inventory.Attachments} attachments";

    private static async Task<T> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (BackupException e)
        {
            throw new CliException(e.Message, ExitCodes.Failure);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage);
        }
    }
}
