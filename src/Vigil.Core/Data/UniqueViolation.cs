using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Vigil.Core.Data;

/// <summary>
/// A save that met a unique index another transaction satisfied first: SQLite's SQLITE_CONSTRAINT_UNIQUE and
/// _PRIMARYKEY, PostgreSQL's unique_violation. Other constraint failures are not races and stay errors.
/// </summary>
public static class UniqueViolation
{
    public static bool Is(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
