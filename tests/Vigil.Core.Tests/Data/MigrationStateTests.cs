using Vigil.Core.Data;

namespace Vigil.Core.Tests.Data;

public class MigrationStateTests
{
    public static TheoryData<string> MigrationAssemblies =>
        [VigilDatabase.SqliteMigrationsAssembly, VigilDatabase.PostgresMigrationsAssembly];

    [Theory]
    [MemberData(nameof(MigrationAssemblies))]
    public void LatestMigrationIdFromMetadata_MigrationsAssembly_EqualsTheNewestMigrationTypesId(string assembly)
    {
        var byReflection = MigrationState.LatestMigrationIdByReflection(assembly);

        var fromMetadata = MigrationState.LatestMigrationIdFromMetadata(
            Path.Combine(AppContext.BaseDirectory, assembly + ".dll"));

        Assert.NotNull(byReflection);
        Assert.Equal(byReflection, fromMetadata);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task State_FreshlyMigrated_IsCurrent(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateByMigratingAsync(provider);
        await using var connection = MigrationState.Connect(database.Target);
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SchemaState.Current,
            await MigrationState.StateAsync(connection, provider, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task State_HistoryOlderOrNewerOrAbsent_SaysSo(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var connection = MigrationState.Connect(database.Target);
        await connection.OpenAsync(ct);
        var latest = MigrationState.Latest(provider)!;

        await ExecuteAsync(connection,
            $"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('{latest}z', 'test')",
            ct);
        var newer = await MigrationState.StateAsync(connection, provider, ct);
        await ExecuteAsync(connection, "DELETE FROM \"__EFMigrationsHistory\"", ct);
        await ExecuteAsync(connection,
            "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES "
                + "('00000000000000_Older', 'test')",
            ct);
        var older = await MigrationState.StateAsync(connection, provider, ct);
        await ExecuteAsync(connection, "DROP TABLE \"__EFMigrationsHistory\"", ct);
        var absent = await MigrationState.StateAsync(connection, provider, ct);

        Assert.Equal((SchemaState.Newer, SchemaState.Older, SchemaState.Missing), (newer, older, absent));
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
