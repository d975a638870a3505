using Npgsql;

namespace Vigil.Testing;

/// <summary>
/// A new, empty database on the PostgreSQL server named by <c>VIGIL_TEST_POSTGRES</c> (scripts/test.sh
/// starts one), dropped on dispose. Without the variable the test skips locally and fails under CI,
/// as the Core tests do.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private PostgresDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = TestDatabase.PostgresAdminConnectionString();
        var database = new PostgresDatabase(admin, $"vigil_cli_test_{Guid.NewGuid():N}");
        await database.ExecuteAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
