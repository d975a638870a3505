using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vigil.Core;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Bench.Crash;

/// <summary>
/// The instance under test: a fresh database (a SQLite file in the work folder, or a new PostgreSQL database on the
/// server <c>VIGIL_TEST_POSTGRES</c> names), its master key file, and the program <c>crash</c> with three two-factor
/// triagers, each with an API token. Set up with the product's own use cases, as <c>vigil admin</c> does.
/// </summary>
internal sealed class Instance
{
    public const string Program = "crash";
    public const string Prefix = "CRASH";

    private Instance(
        string name, DatabaseTarget target, string database, string keyFile, string? postgresAdmin,
        string? postgresName)
    {
        Name = name;
        Target = target;
        Database = database;
        KeyFile = keyFile;
        PostgresAdmin = postgresAdmin;
        PostgresName = postgresName;
    }

    public string Name { get; }

    public DatabaseTarget Target { get; }

    /// <summary>What <c>vigil serve --database</c> gets.</summary>
    public string Database { get; }

    public string KeyFile { get; }

    public string? PostgresAdmin { get; }

    public string? PostgresName { get; }

    public List<string> Triagers { get; } = [];

    public ReportVault Vault => new ReportVaultOptions { MasterKeyFile = KeyFile }.CreateVault(Target);

    /// <summary>
    /// The server's settings: this key, the clock every second, and no intake limit (the writers are all one address).
    /// </summary>
    public Dictionary<string, string> Environment(int clockSeconds = 1) => new()
    {
        ["Vigil__Reports__MasterKeyFile"] = KeyFile,
        ["Vigil__Clock__IntervalSeconds"] = clockSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Vigil__RateLimit__IntakePermitLimit"] = "1000000",
        ["Vigil__RateLimit__PermitLimit"] = "1000000",
        ["Vigil__IndexRefreshSeconds"] = "1",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    public static async Task<Instance> CreateAsync(string provider, string folder, string runId)
    {
        Directory.CreateDirectory(folder);
        var keyFile = Path.Combine(folder, "vigil-master.key");
        ReportVaultOptions.CreateKeyFile(keyFile);
        Instance instance;
        if (provider == "sqlite")
        {
            var file = Path.Combine(folder, "vigil.db");
            instance = new Instance("SQLite", DatabaseTarget.Sqlite(file), file, keyFile, null, null);
        }
        else
        {
            var admin = System.Environment.GetEnvironmentVariable("VIGIL_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(admin))
            {
                throw new InvalidOperationException(
                    "PostgreSQL needs a server: run `eval \"$(scripts/start-postgres.sh)\"`, "
                    + "which sets VIGIL_TEST_POSTGRES (bench/crash/run.sh does).");
            }
            var name = $"vigil_crash_{runId}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await command.ExecuteNonQueryAsync();
            }
            var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            instance = new Instance(
                "PostgreSQL", DatabaseTarget.Parse(connectionString), connectionString, keyFile, admin, name);
        }
        return instance;
    }

    /// <summary>The program and its team, once the first server has brought the database to its schema.</summary>
    public async Task SetUpAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(Target);
        services.AddVigilCore();
        services.AddSingleton<IReportNotifier>(SilentReportNotifier.Instance);
        services.AddDbContext<VigilDbContext>(options => VigilDatabase.Configure(options, Target));
        services.AddIdentityCore<VigilUser>(AccountPolicy.Configure).AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<VigilDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var get = scope.ServiceProvider;
        // Reminders 1,440 hours before a deadline: every new or accepted report has one due at once, so the clock
        // takes deadline actions all through the run.
        await get.GetRequiredService<CreateProgram>().ExecuteAsync(Program, "Crash harness", Prefix,
            new ProgramSettings(ScopeEcosystems: ["npm"], ReminderHours: [1440]));
        for (var i = 0; i < 3; i++)
        {
            var email = $"triager{i}@crash.test";
            var user = new VigilUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                TwoFactorEnabled = true,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            var created = await get.GetRequiredService<UserManager<VigilUser>>()
                .CreateAsync(user, $"crash harness password {Guid.NewGuid()}");
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            await get.GetRequiredService<AddProgramMember>().ExecuteAsync(Program, user.Id, ProgramRole.Triager);
            var (secret, _) = await get.GetRequiredService<ApiTokens>()
                .CreateAsync(user.Id, "crash", [ApiScopes.ReportsRead, ApiScopes.ReportsWrite], null);
            Triagers.Add(secret);
        }
        VigilDatabase.ClearSqlitePools();
    }

    public async Task DropAsync()
    {
        if (PostgresAdmin is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
