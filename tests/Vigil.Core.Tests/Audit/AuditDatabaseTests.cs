using Vigil.Core.Audit;
using Vigil.Core.Data;

namespace Vigil.Core.Tests.Audit;

public class AuditDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_NoDatabaseFileYet_CreatesAMigratedEmptyDatabase()
    {
        using var temp = new TempDirectory();
        await using (var database = await AuditDatabase.OpenAsync(DatabaseTarget.Sqlite(temp.Combine("vigil.db")), Ct))
        {
            Assert.False(await database.HasAdvisoriesAsync(Ct));
            Assert.Equal(SchemaState.Current,
                await MigrationState.StateAsync(database.Connection, DatabaseProvider.Sqlite, Ct));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Open_SchemaFromANewerVigil_RefusesAndSaysToUpgrade(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var connection = MigrationState.Connect(database.Target))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText =
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") "
                    + $"VALUES ('{MigrationState.Latest(provider)}z', 'test')";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => AuditDatabase.OpenAsync(database.Target, Ct));

        Assert.Contains("migrated by a newer Vigil", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("upgrade vigil", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenIfCurrent_NoDatabaseFile_IsNullAndCreatesNothing()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("missing", "vigil.db");

        Assert.Null(await AuditDatabase.OpenIfCurrentAsync(DatabaseTarget.Sqlite(file), AppContext.BaseDirectory, Ct));

        Assert.False(Directory.Exists(Path.GetDirectoryName(file)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OpenIfCurrent_CurrentSchema_OpensIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        await using var opened = await AuditDatabase.OpenIfCurrentAsync(database.Target, AppContext.BaseDirectory, Ct);

        Assert.NotNull(opened);
        Assert.False(await opened.HasAdvisoriesAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OpenIfCurrent_OlderOrNewerSchemaOrNoMigrationsAssembly_IsNullAndMigratesNothing(
        DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var latest = MigrationState.Latest(provider)!;
        var empty = Directory.CreateTempSubdirectory("vigil-test-");
        try
        {
            Assert.Null(await AuditDatabase.OpenIfCurrentAsync(database.Target, empty.FullName, Ct));
        }
        finally
        {
            empty.Delete();
        }
        await SetNewestMigrationAsync(database.Target, latest + "z");
        Assert.Null(await AuditDatabase.OpenIfCurrentAsync(database.Target, AppContext.BaseDirectory, Ct));
        await SetNewestMigrationAsync(database.Target, "0");
        Assert.Null(await AuditDatabase.OpenIfCurrentAsync(database.Target, AppContext.BaseDirectory, Ct));

        await using var connection = MigrationState.Connect(database.Target);
        await connection.OpenAsync(Ct);
        Assert.Equal(SchemaState.Older, await MigrationState.StateAsync(connection, provider, Ct));
    }

    [Fact]
    public async Task OpenIfCurrent_ServerUnreachable_IsNull()
    {
        var target = DatabaseTarget.Parse("Host=127.0.0.1;Port=1;Database=vigil;Username=vigil;Password=x;Timeout=1");

        Assert.Null(await AuditDatabase.OpenIfCurrentAsync(target, AppContext.BaseDirectory, Ct));
    }

    /// <summary>Leaves exactly one history row, with the given id.</summary>
    private static async Task SetNewestMigrationAsync(DatabaseTarget target, string id)
    {
        await using var connection = MigrationState.Connect(target);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "DELETE FROM \"__EFMigrationsHistory\"; INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", "
                + $"\"ProductVersion\") VALUES ('{id}', 'test')";
        await command.ExecuteNonQueryAsync(Ct);
    }
}
