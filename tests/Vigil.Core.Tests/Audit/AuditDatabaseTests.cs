using Vigil.Core.Audit;
using Vigil.Core.Data;
using Vigil.Core.Tests.Infrastructure;

namespace Vigil.Core.Tests.Audit;

public class AuditDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_NoDatabaseFileYet_CreatesAMigratedEmptyDatabase()
    {
        var file = Path.Combine(Path.GetTempPath(), $"vigil-test-{Guid.NewGuid():N}", "vigil.db");
        try
        {
            await using (var database = await AuditDatabase.OpenAsync(DatabaseTarget.Sqlite(file), Ct))
            {
                Assert.False(await database.HasAdvisoriesAsync(Ct));
                Assert.Equal(SchemaState.Current, await MigrationState.StateAsync(database.Connection, DatabaseProvider.Sqlite, Ct));
            }
        }
        finally
        {
            VigilDatabase.ClearSqlitePools();
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
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
            command.CommandText = $"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('{MigrationState.Latest(provider)}z', 'test')";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AuditDatabase.OpenAsync(database.Target, Ct));

        Assert.Contains("migrated by a newer Vigil", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("upgrade vigil", error.Message, StringComparison.Ordinal);
    }
}
