using System.Data.Common;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Vigil.Core.Data;

/// <summary>How a database's schema compares with the newest migration this build carries.</summary>
internal enum SchemaState
{
    /// <summary>No migration history (a new or foreign database).</summary>
    Missing,
    Older,
    Current,
    /// <summary>Migrated by a newer Vigil: this build cannot know its schema.</summary>
    Newer,
}

/// <summary>
/// Tells, without building the EF model, whether a database already has the newest migration: EF's
/// own <c>Migrate</c> builds and diffs the model on every call, which costs a command-line run far
/// more than the work it came to do. Any doubt (no history table, older id) answers "not current".
/// </summary>
internal static class MigrationState
{
    public static async Task<bool> IsCurrentAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        if (target.SqliteFile() is { } file && !File.Exists(file))
        {
            return false;
        }
        try
        {
            await using var connection = Connect(target);
            await connection.OpenAsync(cancellationToken);
            return await StateAsync(connection, target.Provider, cancellationToken) == SchemaState.Current;
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>One read of <c>__EFMigrationsHistory</c> on an open connection, compared with the compiled-in newest
    /// id.</summary>
    public static Task<SchemaState> StateAsync(
        DbConnection connection, DatabaseProvider provider, CancellationToken cancellationToken) =>
        StateAsync(connection, Latest(provider), cancellationToken);

    /// <param name="latest">The newest migration id the caller knows (null: none, so any history is older).</param>
    public static async Task<SchemaState> StateAsync(
        DbConnection connection, string? latest, CancellationToken cancellationToken)
    {
        string? applied;
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\"";
            applied = await command.ExecuteScalarAsync(cancellationToken) as string;
        }
        catch (DbException)
        {
            return SchemaState.Missing; // no history table
        }
        return applied is null ? SchemaState.Missing
            : latest is null ? SchemaState.Older
            : string.CompareOrdinal(applied, latest) switch
            {
                < 0 => SchemaState.Older,
                0 => SchemaState.Current,
                _ => SchemaState.Newer,
            };
    }

    /// <summary>The newest migration id this build carries for the provider (null when its migrations assembly is
    /// absent).</summary>
    public static string? Latest(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? Newest.Sqlite.Value : Newest.Postgres.Value;

    /// <summary>
    /// The newest migration id in the provider's migrations assembly in <paramref name="directory"/>, read
    /// from its metadata only (null when the file is absent): the native <c>vigil</c> has no assemblies
    /// of its own and reads the managed build's, so the two can never disagree.
    /// </summary>
    public static string? LatestMigrationIdIn(string directory, DatabaseProvider provider)
    {
        var file = Path.Combine(directory, MigrationsAssembly(provider) + ".dll");
        return File.Exists(file) ? LatestMigrationIdFromMetadata(file) : null;
    }

    private static string MigrationsAssembly(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite
            ? VigilDatabase.SqliteMigrationsAssembly
            : VigilDatabase.PostgresMigrationsAssembly;

    /// <summary>A plain connection; each provider's in its own method so a SQLite run never loads Npgsql.</summary>
    public static DbConnection Connect(DatabaseTarget target) => target.Provider == DatabaseProvider.Sqlite
        ? ConnectSqlite(target.ConnectionString)
        : ConnectPostgres(target.ConnectionString);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SqliteConnection ConnectSqlite(string connectionString) => new(connectionString);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static NpgsqlConnection ConnectPostgres(string connectionString) => new(connectionString);

    /// <summary>
    /// Read from the migrations assembly's metadata (its <c>[Migration("…")]</c> attributes) without
    /// loading it: loading its types loads EF Core, which the audit's reads otherwise never need. Where
    /// the file cannot be read (e.g. a single-file bundle), by reflection. A test keeps both in agreement.
    /// </summary>
    internal static string? LatestMigrationId(string assemblyName)
    {
        var file = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        return File.Exists(file) ? LatestMigrationIdFromMetadata(file) : LatestMigrationIdByReflection(assemblyName);
    }

    internal static string? LatestMigrationIdFromMetadata(string file)
    {
        using var stream = File.OpenRead(file);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        string? latest = null;
        foreach (var handle in metadata.CustomAttributes)
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Parent.Kind != HandleKind.TypeDefinition
                || attribute.Constructor.Kind != HandleKind.MemberReference
                || metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
                    is not { Kind: HandleKind.TypeReference } parent)
            {
                continue;
            }
            var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
            if (!metadata.StringComparer.Equals(type.Name, nameof(MigrationAttribute))
                || !metadata.StringComparer.Equals(type.Namespace, "Microsoft.EntityFrameworkCore.Migrations"))
            {
                continue;
            }
            // ECMA-335 II.23.3: a custom attribute blob starts with the prolog 0x0001, then the fixed arguments.
            var value = metadata.GetBlobReader(attribute.Value);
            if (value.ReadUInt16() == 1 && value.ReadSerializedString() is { } id
                && (latest is null || string.CompareOrdinal(id, latest) > 0))
            {
                latest = id;
            }
        }
        return latest;
    }

    internal static string? LatestMigrationIdByReflection(string assemblyName)
    {
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(assemblyName);
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

    /// <summary>Apart, so that code using only <see cref="LatestMigrationIdIn"/> never reaches the reflection
    /// fallback.</summary>
    private static class Newest
    {
        public static readonly Lazy<string?> Sqlite = new(
            () => LatestMigrationId(VigilDatabase.SqliteMigrationsAssembly));
        public static readonly Lazy<string?> Postgres = new(
            () => LatestMigrationId(VigilDatabase.PostgresMigrationsAssembly));
    }
}
