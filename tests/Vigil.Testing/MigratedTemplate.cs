using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vigil.Core.Data;

namespace Vigil.Testing;

/// <summary>
/// One database per provider that has run every migration, made once and copied for each test: EF Core builds
/// and diffs the model for each of the migrations, which cost a test more CPU than most of its own work.
/// SQLite: a file in the temporary folder, made by the first test of the process that asks, deleted when the
/// process ends. PostgreSQL: a database named after a hash of the migrations' code, so the test processes
/// that run at once (and later runs with the same migrations) share it, made under an advisory lock by whichever asks
/// first and copied with <c>CREATE DATABASE … TEMPLATE</c>. It is built under a temporary name and renamed only
/// once migrated, so a run that dies half-way never leaves a half-made template behind that name. Templates of
/// other migrations are left on the server: other checkouts may be using them.
/// </summary>
internal static class MigratedTemplate
{
    private const string PostgresPrefix = "vigil_template_";

    private static readonly SemaphoreSlim SqliteGate = new(1, 1);
    private static readonly SemaphoreSlim PostgresGate = new(1, 1);
    private static string? _sqliteFile;
    private static string? _postgresName;

    /// <summary>The migrated SQLite file to copy (one self-contained file: no write-ahead log beside it).</summary>
    public static async Task<string> SqliteFileAsync()
    {
        if (Volatile.Read(ref _sqliteFile) is { } made)
        {
            return made;
        }
        await SqliteGate.WaitAsync();
        try
        {
            if (_sqliteFile is not null)
            {
                return _sqliteFile;
            }
            var file = Path.Combine(Path.GetTempPath(), $"vigil-test-template-{Guid.NewGuid():N}.db");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => SqliteFiles.Delete(file);
            // Unpooled, so that no connection stays open: the last one to close folds the log into the file.
            var target = new DatabaseTarget(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False");
            await using (await VigilDatabase.OpenAndMigrateAsync(target))
            {
            }
            await using (var connection = new SqliteConnection(target.ConnectionString))
            {
                await connection.OpenAsync();
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await checkpoint.ExecuteNonQueryAsync();
            }
            Volatile.Write(ref _sqliteFile, file);
            return file;
        }
        finally
        {
            SqliteGate.Release();
        }
    }

    /// <summary>The name of the migrated template database on the server of <paramref name="admin"/>.</summary>
    public static async Task<string> PostgresNameAsync(string admin)
    {
        if (Volatile.Read(ref _postgresName) is { } made)
        {
            return made;
        }
        await PostgresGate.WaitAsync();
        try
        {
            if (_postgresName is not null)
            {
                return _postgresName;
            }
            var name = PostgresPrefix + MigrationsHash();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            // Any constant key will do: it only keeps the test processes of one server from building at once.
            const long lockKey = 0x5649_4749_4C54_504C; // "VIGILTPL"
            await ExecuteAsync(connection, $"SELECT pg_advisory_lock({lockKey})");
            try
            {
                await using var exists = new NpgsqlCommand(
                    "SELECT 1 FROM pg_database WHERE datname = @name", connection);
                exists.Parameters.AddWithValue("name", name);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    await BuildPostgresAsync(connection, admin, name);
                }
            }
            finally
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({lockKey})");
            }
            Volatile.Write(ref _postgresName, name);
            return name;
        }
        finally
        {
            PostgresGate.Release();
        }
    }

    private static async Task BuildPostgresAsync(NpgsqlConnection connection, string admin, string name)
    {
        var building = $"vigil_template_build_{Guid.NewGuid():N}";
        await ExecuteAsync(connection, $"CREATE DATABASE \"{building}\"");
        try
        {
            // Unpooled, so that no connection to it stays open: a database being copied or renamed must have none.
            var target = new DatabaseTarget(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(admin)
            {
                Database = building,
                Pooling = false,
            }.ConnectionString);
            await using (await VigilDatabase.OpenAndMigrateAsync(target))
            {
            }
            await ExecuteAsync(connection, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
        }
        catch
        {
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
            throw;
        }
    }

    /// <summary>
    /// A hash of what decides the schema: the migrations' code, names and SQL text (method bodies and the
    /// string heaps of the migrations assembly), so a changed migration gets a template of its own. Not the
    /// whole file: its version attribute names the commit, and a template per commit would pile up on a
    /// developer's test server.
    /// </summary>
    private static string MigrationsHash()
    {
        var file = Path.Combine(AppContext.BaseDirectory, VigilDatabase.PostgresMigrationsAssembly + ".dll");
        using var stream = File.OpenRead(file);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var handle in metadata.MethodDefinitions)
        {
            var method = metadata.GetMethodDefinition(handle);
            hash.AppendData(Encoding.UTF8.GetBytes(metadata.GetString(method.Name)));
            if (method.RelativeVirtualAddress != 0)
            {
                hash.AppendData(pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes() ?? []);
            }
        }
        var heaps = pe.GetMetadata();
        foreach (var heap in new[] { HeapIndex.String, HeapIndex.UserString })
        {
            var content = heaps.GetContent(metadata.GetHeapMetadataOffset(heap), metadata.GetHeapSize(heap));
            hash.AppendData(content.AsSpan());
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..24];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

}
