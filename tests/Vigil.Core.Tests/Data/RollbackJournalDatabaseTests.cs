using Microsoft.Data.Sqlite;
using Vigil.Core.Data;

namespace Vigil.Core.Tests.Data;

/// <summary>
/// A SQLite database in rollback-journal mode (what sqlite3 makes, or a file copied from elsewhere) opens and
/// migrates: the read-only connection EF uses to see whether the file exists must not try to switch it to WAL.
/// </summary>
public class RollbackJournalDatabaseTests
{
    [Fact]
    public async Task OpenAndMigrate_DatabaseInRollbackJournalMode_MigratesAndSwitchesToWal()
    {
        using var temp = new TempDirectory("vigil-journal-");
        var file = temp.Database;
        using (var plain = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            plain.Open();
            using var command = plain.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE; CREATE TABLE before_vigil(x INTEGER);";
            command.ExecuteNonQuery();
        }

        await using (await VigilDatabase.OpenAndMigrateAsync(DatabaseTarget.Sqlite(file),
            TestContext.Current.CancellationToken))
        {
        }

        Assert.True(
            await VigilDatabase.IsMigratedAsync(DatabaseTarget.Sqlite(file),
                TestContext.Current.CancellationToken));
        VigilDatabase.ClearSqlitePools();
        using var check = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        check.Open();
        using var mode = check.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", mode.ExecuteScalar() as string);
    }
}
