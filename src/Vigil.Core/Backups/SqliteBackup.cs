using Microsoft.Data.Sqlite;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Backups;

/// <summary>
/// Backup and restore of a SQLite instance (docs/reliability.md). A backup is a folder: <see cref="DatabaseFile"/>, a
/// consistent copy taken with SQLite's online backup while the server keeps running, and <see cref="KeyFile"/>, the
/// master key that opens its reports (attachments live in the database, sealed like the reports). Both steps take an
/// inventory with the key, so a backup whose key does not open every report is never written, and a restore with a
/// wrong key leaves the target as it was.
/// </summary>
public static class SqliteBackup
{
    public const string DatabaseFile = "vigil.db";
    public const string KeyFile = ReportVaultOptions.KeyFileName;

    /// <summary>Copies <paramref name="sourceFile"/> into the folder <paramref name="backupDirectory"/> (which must not
    /// hold a backup yet) and the key beside it.</summary>
    public static async Task<DataInventory> BackupAsync(
        string sourceFile,
        string backupDirectory,
        string masterKeyFile,
        bool withKey,
        CancellationToken cancellationToken = default)
    {
        if (!File.Exists(sourceFile))
        {
            throw new BackupException($"the database '{sourceFile}' does not exist.");
        }
        var vault = OpenVault(masterKeyFile);
        Directory.CreateDirectory(backupDirectory);
        var destination = Path.Combine(backupDirectory, DatabaseFile);
        if (File.Exists(destination))
        {
            throw new BackupException($"'{destination}' exists already; back up into a new folder.");
        }
        var partial = destination + ".partial";
        File.Delete(partial);
        try
        {
            using (var source = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = sourceFile,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString()))
            using (var copy = new SqliteConnection(
                new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                source.Open();
                copy.Open();
                source.BackupDatabase(copy);
            }
            var inventory = await InventoryAsync(partial, vault, cancellationToken);
            OwnerOnly(partial); // accounts' password hashes and tokens' hashes are in it, not only sealed reports
            File.Move(partial, destination);
            if (withKey)
            {
                File.Copy(masterKeyFile, Path.Combine(backupDirectory, KeyFile), overwrite: true);
                OwnerOnly(Path.Combine(backupDirectory, KeyFile));
            }
            return inventory;
        }
        finally
        {
            Delete(partial);
        }
    }

    /// <summary>
    /// Restores the backup in <paramref name="backupDirectory"/> to the SQLite file <paramref name="targetFile"/> (stop
    /// the server first), with the key file <paramref name="masterKeyFile"/> (default: the backup's own). The copy is
    /// checked and migrated beside the target and moved into place last; on any failure the target is untouched.
    /// </summary>
    public static async Task<DataInventory> RestoreAsync(
        string backupDirectory,
        string targetFile,
        string? masterKeyFile,
        bool replace,
        CancellationToken cancellationToken = default)
    {
        var backup = Path.Combine(backupDirectory, DatabaseFile);
        if (!File.Exists(backup))
        {
            throw new BackupException($"'{backupDirectory}' holds no backup ({DatabaseFile} is missing).");
        }
        var keyFile = masterKeyFile ?? Path.Combine(backupDirectory, KeyFile);
        if (!File.Exists(keyFile))
        {
            throw new BackupException(
                $"no master key: '{keyFile}' does not exist; give the key file the backup's reports were sealed with.");
        }
        var vault = OpenVault(keyFile);
        targetFile = Path.GetFullPath(targetFile);
        if (File.Exists(targetFile) && !replace)
        {
            throw new BackupException(
                $"'{targetFile}' exists; stop the server and restore over it with --replace, or restore to a new "
                + "file.");
        }
        var targetKey = Path.Combine(Path.GetDirectoryName(targetFile)!, KeyFile);
        var key = (await File.ReadAllTextAsync(keyFile, cancellationToken)).Trim();
        if (File.Exists(targetKey) && (await File.ReadAllTextAsync(targetKey, cancellationToken)).Trim() != key
            && !replace)
        {
            throw new BackupException(
                $"'{targetKey}' holds another master key; restore with --replace to use the backup's key there.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(targetFile)!);
        var staged = targetFile + ".restoring";
        Delete(staged);
        try
        {
            File.Copy(backup, staged);
            // A backup of an older version is brought to this version's schema first (as the server would on start).
            await using (await VigilDatabase.OpenAndMigrateAsync(DatabaseTarget.Sqlite(staged), cancellationToken))
            {
            }
            var inventory = await InventoryAsync(staged, vault, cancellationToken);
            foreach (var suffix in new[] { "-wal", "-shm" })
            {
                File.Delete(targetFile + suffix);
            }
            File.Move(staged, targetFile, overwrite: true);
            if (!File.Exists(targetKey) || replace)
            {
                await File.WriteAllTextAsync(targetKey + ".new", key, cancellationToken);
                OwnerOnly(targetKey + ".new");
                File.Move(targetKey + ".new", targetKey, overwrite: true);
            }
            return inventory;
        }
        finally
        {
            Delete(staged);
        }
    }

    /// <summary>The inventory of a SQLite file (decrypting every report with <paramref name="vault"/>); its pooled
    /// handles are released.</summary>
    public static async Task<DataInventory> InventoryAsync(
        string file, ReportVault vault, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = VigilDatabase.Open(DatabaseTarget.Sqlite(file));
            return await DataInventory.TakeAsync(db, vault, cancellationToken);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new BackupException(
                $"the master key does not open the reports in the backup ({e.Message}); nothing was written.");
        }
        finally
        {
            VigilDatabase.ClearSqlitePools();
        }
    }

    private static ReportVault OpenVault(string keyFile)
    {
        try
        {
            return new ReportVaultOptions { MasterKeyFile = keyFile }.CreateVault(DatabaseTarget.Sqlite(keyFile));
        }
        catch (InvalidOperationException e)
        {
            throw new BackupException(e.Message);
        }
    }

    private static void OwnerOnly(string file)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static void Delete(string file)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(file + suffix);
        }
    }
}

/// <summary>A backup or restore that cannot be done, and why; nothing was written.</summary>
public sealed class BackupException(string message) : Exception(message);
