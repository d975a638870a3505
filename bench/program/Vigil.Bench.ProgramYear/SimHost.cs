using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Bench.ProgramYear;

/// <summary>
/// The use cases as the server composes them (<see cref="CoreServices.AddVigilCore"/>) on a fresh SQLite database in a
/// temporary directory and a fake clock; each call runs in its own scope with its own context, as a request does.
/// </summary>
internal sealed class SimHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _directory;

    private SimHost(ServiceProvider services, string directory, DatabaseTarget target, FakeTimeProvider clock,
        CountingNotifier notifier)
    {
        Notifier = notifier;
        _services = services;
        _directory = directory;
        Target = target;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }
    public DatabaseTarget Target { get; }
    public CountingNotifier Notifier { get; }

    public static async Task<SimHost> CreateAsync(DateTimeOffset start)
    {
        // In memory-backed /dev/shm where there is one: the year commits some 20,000 transactions, and waiting for
        // the disk would measure the disk, not the program.
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var directory = Path.Combine(root, $"vigil-sim-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var target = DatabaseTarget.Sqlite(Path.Combine(directory, "vigil.db"));
        await using (await VigilDatabase.OpenAndMigrateAsync(target))
        {
        }
        var clock = new FakeTimeProvider(start);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddVigilCore();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(new ReportVault(RandomNumberGenerator.GetBytes(32)));
        services.AddSingleton(target);
        services.AddScoped(_ => VigilDatabase.Open(target));
        var notifier = new CountingNotifier();
        services.AddSingleton<IReportNotifier>(notifier);
        return new SimHost(services.BuildServiceProvider(), directory, target, clock, notifier);
    }

    public async Task<TResult> Use<T, TResult>(Func<T, Task<TResult>> action) where T : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<T>());
    }

    public async Task Use<T>(Func<T, Task> action) where T : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<T>());
    }

    /// <summary>A context for reading the figures at the end (never for driving the year).</summary>
    public VigilDbContext OpenForFigures() => VigilDatabase.Open(Target);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        VigilDatabase.ClearSqlitePools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>
/// Counts what the server would send (by audience), without sending: the figures say who was kept informed.
/// </summary>
internal sealed class CountingNotifier : IReportNotifier
{
    public int ToReporters { get; private set; }
    public int ToTeam { get; private set; }
    public int Invitations { get; private set; }

    public Task QueueAsync(ReportEntity report, string eventType, Audience audience, ReportContent? content,
        DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        if (audience.HasFlag(Audience.Reporter))
        {
            ToReporters++;
        }
        if (audience.HasFlag(Audience.Team))
        {
            ToTeam++;
        }
        return Task.CompletedTask;
    }

    public Task QueueInvitationAsync(ReportEntity report, ReportParticipantEntity participant, string? token,
        CancellationToken cancellationToken)
    {
        Invitations++;
        return Task.CompletedTask;
    }
}
