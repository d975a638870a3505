using Npgsql;
using Vigil.Core.Data;

namespace Vigil.Testing;

/// <summary>
/// A fresh, migrated database per test on a real server: a temporary SQLite file, or a new database on
/// the PostgreSQL server named by <c>VIGIL_TEST_POSTGRES</c> (<c>scripts/start-postgres.sh</c> starts one;
/// <c>.ci/run</c> always does). Without it, PostgreSQL cases skip locally and fail under CI. Each is a copy of
/// a template migrated once per process (<see cref="MigratedTemplate"/>); <see cref="CreateByMigratingAsync"/>
/// runs the migrations themselves.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "VIGIL_TEST_POSTGRES";

    private readonly string? _sqliteFile;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseTarget target, string? sqliteFile, string? postgresAdmin, string? postgresName)
    {
        Target = target;
        _sqliteFile = sqliteFile;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseTarget Target { get; }

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    /// <summary>A fresh database with every migration applied: a copy of the process's migrated template
    /// (<see cref="MigratedTemplate"/>), so it costs a file copy or a <c>CREATE DATABASE</c>, not the whole
    /// migration history.</summary>
    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) =>
        CreateAsync(provider, fromTemplate: true);

    /// <summary>A fresh database brought up to date by running every migration on an empty one, as a new install
    /// does: for the tests of migrating itself.</summary>
    public static Task<TestDatabase> CreateByMigratingAsync(DatabaseProvider provider) =>
        CreateAsync(provider, fromTemplate: false);

    private static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool fromTemplate)
    {
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"vigil-test-{Guid.NewGuid():N}.db");
            if (fromTemplate)
            {
                File.Copy(await MigratedTemplate.SqliteFileAsync(), file);
            }
            database = new TestDatabase(DatabaseTarget.Sqlite(file), file, null, null);
        }
        else
        {
            var admin = PostgresAdminConnectionString();
            var name = $"vigil_test_{Guid.NewGuid():N}";
            var template = fromTemplate ? $" TEMPLATE \"{await MigratedTemplate.PostgresNameAsync(admin)}\"" : "";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{template}", connection);
                await command.ExecuteNonQueryAsync();
            }
            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            var target = new DatabaseTarget(DatabaseProvider.Postgres, builder.ConnectionString);
            database = new TestDatabase(target, null, admin, name);
        }
        if (fromTemplate)
        {
            return database;
        }
        try
        {
            await using var context = await VigilDatabase.OpenAndMigrateAsync(database.Target);
        }
        catch
        {
            // A database that was created but could not be migrated is dropped, not left on the server.
            await database.DisposeAsync();
            throw;
        }
        return database;
    }

    public static string PostgresAdminConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }
        const string message =
            $"PostgreSQL tests need a server: run `eval \"$(scripts/start-postgres.sh)\"` to set {PostgresVariable}.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(message);
        }
        Assert.Skip(message);
        return "";
    }

    public VigilDbContext Open() => VigilDatabase.Open(Target);

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            SqliteFiles.Delete(_sqliteFile);
        }
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            var drop = $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)";
            await using var command = new NpgsqlCommand(drop, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
