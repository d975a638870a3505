using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Vigil.Core.Data;

/// <summary>Builds <see cref="VigilDbContext"/> options for a <see cref="DatabaseTarget"/> and brings its schema up to
/// date.</summary>
public static class VigilDatabase
{
    public const string SqliteMigrationsAssembly = "Vigil.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Vigil.Migrations.Postgres";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseTarget target)
    {
        switch (target.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(
                    target.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                    .AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(
                    target.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
        }
        return builder;
    }

    public static DbContextOptions<VigilDbContext> Options(DatabaseTarget target) =>
        (DbContextOptions<VigilDbContext>)Configure(new DbContextOptionsBuilder<VigilDbContext>(), target).Options;

    public static VigilDbContext Open(DatabaseTarget target) => new(Options(target));

    /// <summary>Creates the SQLite file's folder if needed and applies pending migrations (a quick check first: see
    /// <see cref="MigrationState"/>).</summary>
    public static async Task<VigilDbContext> OpenAndMigrateAsync(
        DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        if (target.SqliteFile() is { } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }
        var context = Open(target);
        try
        {
            if (!await MigrationState.IsCurrentAsync(target, cancellationToken))
            {
                await context.Database.MigrateAsync(cancellationToken);
                await Advisories.AdvisorySearchBackfill.RunAsync(context, cancellationToken);
            }
            return context;
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether the database is reachable and its schema current (false on any doubt, never throws for a
    /// database error).</summary>
    public static Task<bool> IsMigratedAsync(DatabaseTarget target, CancellationToken cancellationToken = default) =>
        MigrationState.IsCurrentAsync(target, cancellationToken);

    /// <summary>Releases SQLite's pooled file handles (tests delete their database files).</summary>
    public static void ClearSqlitePools() => SqliteConnection.ClearAllPools();
}
