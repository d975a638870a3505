using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vigil.Core.Backups;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Data.Upgrades;

/// <summary>
/// Upgrades keep the data: each fixture is a small database made by an earlier version
/// (<c>scripts/make-upgrade-fixture.sh</c>, one folder per schema it was made at) holding every kind of record, as a
/// SQLite file and a PostgreSQL plain SQL dump. Loaded and migrated to the latest schema, every record reads back as it
/// was written: advisories, reports, timeline entries and attachments compared decrypted with the fixture's master key,
/// and the row count of every table it had.
/// </summary>
public sealed class UpgradeFixtureTests
{
    public const string OutputVariable = "VIGIL_MAKE_UPGRADE_FIXTURE";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string FixturesDirectory => Path.Combine(AppContext.BaseDirectory, "Data", "Upgrades", "Fixtures");

    public static TheoryData<DatabaseProvider, string> Fixtures()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var fixture in Directory.GetDirectories(FixturesDirectory).Select(Path.GetFileName)
            .Order(StringComparer.Ordinal))
        {
            data.Add(DatabaseProvider.Sqlite, fixture!);
            data.Add(DatabaseProvider.Postgres, fixture!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_MigratedToTheLatestSchema_EveryRecordReadsBackIntact(DatabaseProvider provider,
        string fixture)
    {
        var folder = Path.Combine(FixturesDirectory, fixture);
        await using var loaded = await LoadedFixture.LoadAsync(provider, folder);
        var expected = ReadInventory(Path.Combine(folder, Inventory(provider)));
        Assert.Equal(expected[SchemaKey], await loaded.LatestMigrationAsync()); // loaded at the schema it was made at

        await using (await VigilDatabase.OpenAndMigrateAsync(loaded.Target, Ct))
        {
        }

        Assert.True(await VigilDatabase.IsMigratedAsync(loaded.Target, Ct));
        expected.Remove(SchemaKey);
        // every kind of record
        Assert.All(expected.Where(e => e.Key.StartsWith("table:", StringComparison.Ordinal)),
            e => Assert.NotEqual("0", e.Value));
        await using var db = VigilDatabase.Open(loaded.Target);
        var actual = await DataInventory.TakeAsync(db, UpgradeFixtureData.Vault, Ct);
        var changed = expected.Where(e => actual.Digests.GetValueOrDefault(e.Key) != e.Value).Select(e => e.Key)
            .ToList();
        Assert.True(changed.Count == 0, $"Changed or lost by the upgrade: {string.Join(", ", changed)}");
        var report = await new GetReport(db, UpgradeFixtureData.Vault, TimeProvider.System).ExecuteAsync(1,
            Actor.System, Ct);
        Assert.Equal("Prototype pollution in deep-merge", report.Title);
        Assert.Equal("published", report.State);
        // A program from before the maintainer reminders takes the process defaults.
        var program = await db.Programs.AsNoTracking().OrderBy(p => p.Id).FirstAsync(Ct);
        Assert.Equal([3, 7], program.MaintainerReminderBusinessDays);
        Assert.Equal(10, program.MaintainerEscalationBusinessDays);
    }

    /// <summary>Writes a new fixture folder; run by <c>scripts/make-upgrade-fixture.sh</c>, skipped
    /// otherwise.</summary>
    [Fact]
    public async Task MakeFixture()
    {
        var output = Environment.GetEnvironmentVariable(OutputVariable);
        if (string.IsNullOrWhiteSpace(output))
        {
            Assert.Skip(
                $"Makes a new upgrade fixture when {OutputVariable} names its folder "
                    + "(scripts/make-upgrade-fixture.sh).");
        }
        Directory.CreateDirectory(output);
        await using (var sqlite = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite))
        {
            await UpgradeFixtureData.FillAsync(sqlite.Target, Ct);
            await WriteInventoryAsync(sqlite.Target, Path.Combine(output, Inventory(DatabaseProvider.Sqlite)));
            var file = Path.Combine(output, "sqlite.db");
            File.Delete(file);
            Execute(sqlite.Target.SqliteFile()!, $"VACUUM INTO '{file.Replace("'", "''", StringComparison.Ordinal)}'");
            // Small pages keep a file of some thirty tables and their indexes small.
            Execute(file, "PRAGMA journal_mode=DELETE; PRAGMA page_size=512; VACUUM;");
        }
        await using (var postgres = await TestDatabase.CreateAsync(DatabaseProvider.Postgres))
        {
            await UpgradeFixtureData.FillAsync(postgres.Target, Ct);
            await WriteInventoryAsync(postgres.Target, Path.Combine(output, Inventory(DatabaseProvider.Postgres)));
            var b = new NpgsqlConnectionStringBuilder(postgres.Target.ConnectionString);
            var dump = new ProcessStartInfo(PgDump()) { RedirectStandardError = true };
            foreach (var arg in new[] { "--format=plain", "--inserts", "--no-owner", "--no-privileges", "--no-comments",
                "-h", b.Host!, "-p", b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U",
                b.Username!, "-f", Path.Combine(output, "postgres.sql"), b.Database! })
            {
                dump.ArgumentList.Add(arg);
            }
            using var process = Process.Start(dump)!;
            var err = await process.StandardError.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            Assert.True(process.ExitCode == 0, err);
        }
    }

    /// <summary>The inventory's first line: the last migration applied when the fixture was made.</summary>
    private const string SchemaKey = "schema";

    private static string Inventory(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? "sqlite.inventory.txt" : "postgres.inventory.txt";

    private static async Task WriteInventoryAsync(DatabaseTarget target, string file)
    {
        await using var db = VigilDatabase.Open(target);
        var inventory = await DataInventory.TakeAsync(db, UpgradeFixtureData.Vault, Ct);
        var schema = (await db.Database.GetAppliedMigrationsAsync(Ct)).Last();
        await File.WriteAllLinesAsync(file,
            [$"{SchemaKey} {schema}",
                .. inventory.Digests.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {d.Value}")],
            Ct);
    }

    private static Dictionary<string, string> ReadInventory(string file) =>
        File.ReadAllLines(file).Where(line => line.Length > 0).Select(line => line.Split(' ', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static void Execute(string file, string sql)
    {
        using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string PgDump() =>
        Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Append("/usr/lib/postgresql/15/bin")
            .Select(d => Path.Combine(d, "pg_dump")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("pg_dump is not installed (on PATH or in /usr/lib/postgresql/15/bin).");

    /// <summary>A fixture loaded into a fresh database: a copy of the SQLite file, or the SQL dump run in a new
    /// PostgreSQL database.</summary>
    private sealed class LoadedFixture : IAsyncDisposable
    {
        private readonly string? _file;
        private readonly string? _admin;
        private readonly string? _name;

        private LoadedFixture(DatabaseTarget target, string? file, string? admin, string? name) =>
            (Target, _file, _admin, _name) = (target, file, admin, name);

        public DatabaseTarget Target { get; }

        public static async Task<LoadedFixture> LoadAsync(DatabaseProvider provider, string folder)
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-upgrade-").FullName, "vigil.db");
                File.Copy(Path.Combine(folder, "sqlite.db"), file);
                return new LoadedFixture(DatabaseTarget.Sqlite(file), file, null, null);
            }
            var admin = TestDatabase.PostgresAdminConnectionString();
            var name = $"vigil_upgrade_{Guid.NewGuid():N}";
            await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
            var target = new DatabaseTarget(DatabaseProvider.Postgres,
                new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
            // pg_dump's plain format, less psql's meta-commands (lines starting with a backslash), which only psql
            // reads.
            var script = string.Join('\n',
                (await File.ReadAllLinesAsync(Path.Combine(folder, "postgres.sql"), Ct)).Where(
                    line => !line.StartsWith('\\')));
            await ExecuteAsync(target.ConnectionString, script);
            NpgsqlConnection.ClearAllPools();
            return new LoadedFixture(target, null, admin, name);
        }

        /// <summary>The last migration applied, read without the server's connection settings (which would already
        /// write to a SQLite file).</summary>
        public async Task<string?> LatestMigrationAsync()
        {
            const string sql = "SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\"";
            if (_file is not null)
            {
                using var sqlite = new SqliteConnection(
                    new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString());
                sqlite.Open();
                using var query = sqlite.CreateCommand();
                query.CommandText = sql;
                return query.ExecuteScalar() as string;
            }
            await using var connection = new NpgsqlConnection(Target.ConnectionString);
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync(Ct) as string;
        }

        private static async Task ExecuteAsync(string connectionString, string sql)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(Ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (_file is not null)
            {
                SqliteFiles.Delete(_file);
                Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);
            }
            if (_admin is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
            }
        }
    }
}
