using System.Data.Common;
using Vigil.Core.Data;

namespace Vigil.Core.Audit;

/// <summary>
/// The audit's reads on a plain ADO.NET connection (Microsoft.Data.Sqlite or Npgsql), without EF Core:
/// a command-line audit runs a handful of plain SQL reads, and starting EF Core (model, services,
/// interceptors) cost it more than those reads (docs/performance.md, benchmark b). The schema is still
/// checked on every open, by one read of the migration history: a database without the newest
/// migration is migrated first through EF Core (the slow path, once), and one migrated by a newer Vigil
/// is refused, so the reads never run against a schema they were not written for.
/// </summary>
public sealed class AuditDatabase : IAsyncDisposable
{
    private AuditDatabase(DbConnection connection) => Connection = connection;

    internal DbConnection Connection { get; }

    public static async Task<AuditDatabase> OpenAsync(
        DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        if (target.SqliteFile() is { } file && !File.Exists(file))
        {
            await MigrateAsync(target, cancellationToken);
        }
        var connection = await ConnectAsync(target, cancellationToken);
        try
        {
            var state = await MigrationState.StateAsync(connection, target.Provider, cancellationToken);
            if (state == SchemaState.Newer)
            {
                throw new InvalidOperationException(
                    "the database was migrated by a newer Vigil (this one knows migrations up to "
                    + $"{MigrationState.Latest(target.Provider)}); upgrade vigil");
            }
            if (state != SchemaState.Current)
            {
                await connection.DisposeAsync();
                await MigrateAsync(target, cancellationToken);
                connection = await ConnectAsync(target, cancellationToken);
            }
            return new AuditDatabase(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens the database only when its schema is exactly the newest migration in the migrations
    /// assemblies found in <paramref name="migrationsDirectory"/>; else (a missing file, an older, newer
    /// or unreadable schema, a connection that fails) null, and nothing is created or migrated. For the
    /// native <c>vigil</c>, which cannot run EF Core's migrations and hands such a database to the
    /// managed build, whose <see cref="OpenAsync"/> migrates it or names the problem.
    /// </summary>
    public static async Task<AuditDatabase?> OpenIfCurrentAsync(
        DatabaseTarget target, string migrationsDirectory, CancellationToken cancellationToken = default)
    {
        if (target.SqliteFile() is { } file && !File.Exists(file))
        {
            return null;
        }
        var latest = MigrationState.LatestMigrationIdIn(migrationsDirectory, target.Provider);
        if (latest is null)
        {
            return null;
        }
        DbConnection? connection = null;
        try
        {
            connection = MigrationState.Connect(target);
            await connection.OpenAsync(cancellationToken);
            if (await MigrationState.StateAsync(connection, latest, cancellationToken) == SchemaState.Current)
            {
                var database = new AuditDatabase(connection);
                connection = null;
                return database;
            }
            return null;
        }
        catch (Exception exception) when (exception is DbException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>False for a database nothing was imported into yet.</summary>
    public async Task<bool> HasAdvisoriesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM advisories LIMIT 1";
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>The details and references of the given advisories' stored OSV documents, in one read.</summary>
    public async Task<Dictionary<string, AdvisoryLinkFields>> LinksAsync(
        IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        var links = new Dictionary<string, AdvisoryLinkFields>(ids.Count, StringComparer.Ordinal);
        if (ids.Count > 0)
        {
            await ValueListQuery.ReadAsync(Connection, "SELECT \"Id\", \"Document\" FROM advisories WHERE \"Id\"", ids,
                reader => links[reader.GetString(0)] = AdvisoryLinkFields.Parse(reader.GetString(1)),
                cancellationToken);
        }
        return links;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private static async Task<DbConnection> ConnectAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        var connection = MigrationState.Connect(target);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task MigrateAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        await using var context = await VigilDatabase.OpenAndMigrateAsync(target, cancellationToken);
    }
}
