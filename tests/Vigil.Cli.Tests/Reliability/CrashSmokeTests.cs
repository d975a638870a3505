using Vigil.Bench.Crash;
using Vigil.Cli.Tests.Infrastructure;
using Vigil.Core.Data;

namespace Vigil.Cli.Tests.Reliability;

/// <summary>
/// A few cycles of the crash harness (bench/crash, docs/reliability.md "Crash consistency") in the test suite: the
/// server under six concurrent writers and an import, killed with SIGKILL at a seeded moment, restarted and checked.
/// Every acknowledged write is there and the database keeps its invariants, on SQLite and PostgreSQL; and the
/// harness's early-ack control, which counts a write when it is sent, does see losses (so a zero means something).
/// The long run (100 cycles per database) is <c>bench/crash/run.sh</c>.
/// </summary>
public sealed class CrashSmokeTests
{
    private const int Cycles = 3;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task KilledAtRandomMoments_NoAcknowledgedWriteLost_NoViolation(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            TestDatabase.PostgresAdminConnectionString();
        }
        using var work = new TempDirectory();

        var summary = await RunAsync(provider, work.Path, control: false);

        var described = summary.Describe(TimeSpan.Zero);
        Assert.True(summary.Cycles == Cycles, described);
        Assert.True(summary.Acknowledged.Values.Sum() >= Cycles, described);
        Assert.True(summary.Acknowledged.GetValueOrDefault(WriteKind.Report) > 0, described);
        Assert.True(summary.Lost == 0, described);
        Assert.True(summary.Violations == 0, described);
        Assert.True(summary.Stats.ServerErrors == 0, described);
    }

    [Fact]
    public async Task EarlyAckControl_CountingWritesWhenSent_SeesLostWrites()
    {
        using var work = new TempDirectory();

        var summary = await RunAsync(DatabaseProvider.Sqlite, work.Path, control: true);

        Assert.True(summary.Lost > 0, summary.Describe(TimeSpan.Zero));
    }

    private static async Task<CrashRun.Summary> RunAsync(DatabaseProvider provider, string work, bool control)
    {
        var options = new CrashOptions(
            Vigil: HarnessServers.Vigil, Providers: [Name(provider)], Cycles: control ? 2 : Cycles, Seed: 20261207,
            Writers: 6, MinKillMs: 300, MaxKillMs: 1500, EarlyAck: control, Tamper: false, Work: work,
            Port: HarnessServers.FreePort(),
            MaxMinutes: double.PositiveInfinity, StartTimeoutSeconds: 600);
        return await new CrashRun(options, Name(provider)).RunAsync();
    }

    private static string Name(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
}
