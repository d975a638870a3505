using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Vigil.Core.Data;

/// <summary>
/// WAL lets readers (the server) run while an import writes; NORMAL sync is durable in WAL mode
/// except for the last transactions on power loss; the busy timeout waits instead of failing on a lock.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        Apply(connection);

    public override Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        // A read-only connection (EF opens one to see whether the file exists) cannot switch a database made in
        // rollback-journal mode (sqlite3's default, or a copy) to WAL: the next read-write connection does it.
        command.CommandText = IsReadOnly(connection)
            ? "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;"
            : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
    }

    private static bool IsReadOnly(DbConnection connection) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            connection.ConnectionString).Mode == Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly;
}
