using Npgsql;
using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests.Commands;

/// <summary>The same commands against PostgreSQL, selected both by connection string and by postgres:// URL.</summary>
public sealed class PostgresTests
{
    [Fact]
    public async Task ImportAuditShow_OnPostgres_BehaveAsOnSqlite()
    {
        await using var database = await PostgresDatabase.CreateAsync();

        var import = await CliRunner.RunAsync("import", Fixtures.OsvDirectory, "--database", database.ConnectionString);
        var audit = await CliRunner.RunAsync("audit", SharedData.Lockfiles("npm-package-lock-v3"), "--json",
            "--database", database.ConnectionString);
        var show = await CliRunner.RunAsync(["advisory", "show", "CVE-2020-7598"],
            new Dictionary<string, string> { ["VIGIL_DATABASE"] = Url(database) });

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("3 added", import.Out, StringComparison.Ordinal);
        Assert.Contains("in PostgreSQL Host=", import.Out, StringComparison.Ordinal);
        Assert.True(audit.ExitCode == 1, audit.ToString());
        Assert.Equal(3, audit.Json().GetProperty("findings").GetArrayLength());
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.StartsWith(Fixtures.Moderate, show.Out, StringComparison.Ordinal);
    }

    private static string Url(PostgresDatabase database)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var user = Uri.EscapeDataString(builder.Username ?? "postgres");
        var password = builder.Password is { } p ? ":" + Uri.EscapeDataString(p) : "";
        return $"postgres://{user}{password}@{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
