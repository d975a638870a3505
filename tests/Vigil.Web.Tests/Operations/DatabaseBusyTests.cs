using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vigil.Core.Data;
using Vigil.Web.Operations;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// A database that stays locked past the timeout answers 503 with Retry-After (nothing was saved; the same
/// request may succeed in a moment), never 500: the real lock errors of SQLite (SQLITE_BUSY) and PostgreSQL
/// (lock_not_available), raised by holding a lock from a second connection.
/// </summary>
public class DatabaseBusyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ALockHeldPastTheTimeout_Is503WithRetryAfter(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var busy = await BusyErrorAsync(database.Target);

        var error = UseCaseError.From(busy);

        Assert.NotNull(error);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, error.Status);
        Assert.Contains("nothing was saved", error.Message, StringComparison.Ordinal);
        var response = new DefaultHttpContext().Response;
        error.Apply(response, TimeProvider.System);
        Assert.Equal((503, "2"), (response.StatusCode, response.Headers.RetryAfter.ToString()));
        Assert.Null(UseCaseError.From(new InvalidOperationException("a fault")));
    }

    private static async Task<Exception> BusyErrorAsync(DatabaseTarget target)
    {
        await using var holder = Open(target);
        await using var waiter = Open(target);
        await holder.OpenAsync(Ct);
        await waiter.OpenAsync(Ct);
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            await ExecuteAsync(holder, "BEGIN IMMEDIATE");
            return await Assert.ThrowsAsync<SqliteException>(() =>
                ExecuteAsync(waiter, "INSERT INTO mail_received_messages VALUES (x'00', 0)", timeoutSeconds: 1));
        }
        await ExecuteAsync(holder, "BEGIN; LOCK TABLE mail_received_messages IN ACCESS EXCLUSIVE MODE");
        return await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync(waiter, "SET lock_timeout = '100ms'; SELECT count(*) FROM mail_received_messages"));
    }

    private static DbConnection Open(DatabaseTarget target) => target.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(target.ConnectionString)
        : new NpgsqlConnection(target.ConnectionString);

    private static async Task ExecuteAsync(DbConnection connection, string sql, int timeoutSeconds = 30)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = timeoutSeconds;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
