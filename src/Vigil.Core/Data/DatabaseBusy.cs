using Microsoft.Data.Sqlite;
using Npgsql;

namespace Vigil.Core.Data;

/// <summary>
/// The database could not take the work now, and the same request may succeed in a moment: SQLite's
/// SQLITE_BUSY and SQLITE_LOCKED (another writer held the lock past the busy timeout), PostgreSQL's
/// serialization failure, deadlock and lock-not-available. Nothing was written (the transaction was rolled back).
/// The exception may arrive bare or wrapped by EF Core.
/// </summary>
public static class DatabaseBusy
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6:
                    return true;
                case PostgresException postgres when postgres.SqlState is PostgresErrorCodes.SerializationFailure
                    or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable:
                    return true;
            }
        }
        return false;
    }
}
