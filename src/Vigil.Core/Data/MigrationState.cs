using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Vigil.Core.Data;

/// <summary>
/// Tells, without building the EF model, whether a database already has the newest migration: EF's
/// own <c>Migrate</c> builds and diffs the model on every call, which costs a command-line run far
/// more than the work it came to do. Any doubt (no history table, older id) answers "not current".
/// </summary>
internal static class MigrationState
{
    public static async Task<bool> IsCurrentAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        var latest = LatestMigrationId(target.Provider);
        if (latest is null)
        {
            return false;
        }
        if (target.SqliteFile() is { } file && !File.Exists(file))
        {
            return false;
        }
        try
        {
            await using var connection = Connect(target);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\"";
            var applied = await command.ExecuteScalarAsync(cancellationToken) as string;
            return string.Equals(applied, latest, StringComparison.Ordinal);
        }
        catch (DbException)
        {
            return false;
        }
    }

    private static DbConnection Connect(DatabaseTarget target) => target.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(target.ConnectionString)
        : new NpgsqlConnection(target.ConnectionString);

    private static string? LatestMigrationId(DatabaseProvider provider)
    {
        var name = provider == DatabaseProvider.Sqlite ? VigilDatabase.SqliteMigrationsAssembly : VigilDatabase.PostgresMigrationsAssembly;
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(name);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        return assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Max(StringComparer.Ordinal);
    }
}
