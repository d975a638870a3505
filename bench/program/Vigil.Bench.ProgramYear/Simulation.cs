using Vigil.Core.Clock;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Bench.ProgramYear;

internal enum EventKind
{
    Arrival,
    ClockPass,
    Sample,
    Session,
    MaintainerAnswer,
    MaintainerFix,
    ReporterAnswer,
}

internal sealed record SimEvent(DateTimeOffset At, EventKind Kind, SimReport? Report = null, int Triager = 0);

/// <summary>One triage deadline: from submission (or the reporter's answer) to the team's first answer.</summary>
internal sealed class TriageEpisode(SimReport report, DateTimeOffset due)
{
    public SimReport Report { get; } = report;
    public DateTimeOffset Due { get; } = due;
    public DateTimeOffset? AnsweredAt { get; set; }
}

internal sealed record QueueSample(double Day, int AwaitingTriage, int NeedsInformation, int Embargoed);

/// <summary>
/// The year, event by event on the fake clock: arrivals, the deadline clock every <see cref="ClockInterval"/> (as the
/// server's background service runs it), each triager's hour on business days, the maintainers' and reporters' answers,
/// and a daily look at the queue. Everything the team, maintainers and reporters do goes through the use cases.
/// </summary>
internal sealed partial class Simulation
{
    public const string Slug = "sim";
    public static readonly TimeSpan ClockInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// When each triager's hour starts on a business day (UTC): volunteers spread over the world's time zones.
    /// </summary>
    private static readonly int[] SessionHours = [7, 9, 12, 15, 18];

    private readonly SimHost _host;
    private readonly Scenario _scenario;
    private readonly TeamPractice _practice;
    private readonly Random _random;
    private readonly Effort _effort;
    private readonly Guid[] _triagers;
    private readonly PriorityQueue<SimEvent, (DateTimeOffset, long)> _events = new();
    private readonly Dictionary<long, SimReport> _byId = [];
    private readonly Dictionary<int, List<FollowUp>> _followUps = [];
    private long _sequence;

    public Simulation(SimHost host, Scenario scenario, TeamPractice practice, int seed)
    {
        _host = host;
        _scenario = scenario;
        _practice = practice;
        _random = new Random(seed ^ 0x5EED);
        _effort = new Effort(_random, practice);
        _triagers = Enumerable.Range(0, SessionHours.Length).Select(_ => Scenario.NewGuid(_random)).ToArray();
        foreach (var t in Enumerable.Range(0, _triagers.Length))
        {
            _followUps[t] = [];
        }
    }

    public List<TriageEpisode> Episodes { get; } = [];
    public List<QueueSample> Samples { get; } = [];
    public List<double> SessionMinutes { get; } = [];
    public int MaintainerAnswersTooLate { get; private set; }
    public int FixesTooLate { get; private set; }
    public int ClockFailures { get; private set; }
    public int IntakeRefused { get; private set; }

    private static CancellationToken Ct => CancellationToken.None;
    private DateTimeOffset Now => _host.Clock.GetUtcNow();

    public async Task RunAsync(DateTimeOffset start, DateTimeOffset end)
    {
        await SetUpAsync();
        foreach (var report in _scenario.Reports)
        {
            Schedule(new SimEvent(report.ArrivesAt, EventKind.Arrival, report));
        }
        for (var at = start + ClockInterval; at <= end; at += ClockInterval)
        {
            Schedule(new SimEvent(at, EventKind.ClockPass));
        }
        for (var day = start.Date; day < end; day = day.AddDays(1))
        {
            var midnight = new DateTimeOffset(day, TimeSpan.Zero);
            Schedule(new SimEvent(midnight.AddDays(1).AddSeconds(-1), EventKind.Sample));
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                for (var t = 0; t < SessionHours.Length; t++)
                {
                    Schedule(new SimEvent(midnight.AddHours(SessionHours[t]), EventKind.Session, Triager: t));
                }
            }
        }
        while (_events.TryDequeue(out var next, out _))
        {
            if (next.At > end)
            {
                break;
            }
            MoveClockTo(next.At);
            await HandleAsync(next);
        }
    }

    private async Task SetUpAsync()
    {
        await _host.Use<CreateProgram>(u => u.ExecuteAsync(
            Slug, "Simulated ecosystem", "SIM", new ProgramSettings(ScopeEcosystems: ["npm"]), Ct));
        foreach (var triager in _triagers)
        {
            await _host.Use<AddProgramMember>(u => u.ExecuteAsync(Slug, triager, ProgramRole.Triager, Ct));
        }
        foreach (var package in _scenario.PackageList)
        {
            foreach (var maintainer in package.Maintainers)
            {
                await _host.Use<AddPackageMaintainer>(u => u.ExecuteAsync("npm", package.Name, maintainer, null, Ct));
            }
        }
    }

    private void Schedule(SimEvent e) => _events.Enqueue(e, (e.At, _sequence++));

    private void MoveClockTo(DateTimeOffset at)
    {
        if (at > Now)
        {
            _host.Clock.SetUtcNow(at);
        }
    }

    /// <summary>
    /// A triager works for <paramref name="minutes"/>: whatever happens meanwhile (arrivals, the clock) happens at its
    /// time.
    /// </summary>
    private async Task SpendAsync(double minutes)
    {
        var until = Now.AddMinutes(minutes);
        while (_events.TryPeek(out var next, out _) && next.At <= until)
        {
            _events.Dequeue();
            if (next.Kind == EventKind.Session)
            {
                // Another triager's hour waits for this decision to be written (just after it, so this loop ends).
                Schedule(next with { At = until.AddSeconds(1) });
                continue;
            }
            MoveClockTo(next.At);
            await HandleAsync(next);
        }
        MoveClockTo(until);
    }

    private Task HandleAsync(SimEvent e) => e.Kind switch
    {
        EventKind.Arrival => ArriveAsync(e.Report!),
        EventKind.ClockPass => ClockPassAsync(),
        EventKind.Sample => SampleAsync(),
        EventKind.Session => SessionAsync(e.Triager),
        EventKind.MaintainerAnswer => MaintainerAnswerAsync(e.Report!),
        EventKind.MaintainerFix => MaintainerFixAsync(e.Report!),
        _ => ReporterAnswerAsync(e.Report!),
    };

    private async Task ClockPassAsync()
    {
        var pass = await _host.Use<RunDeadlines, DeadlinePass>(u => u.ExecuteAsync(Ct));
        ClockFailures += pass.Failed;
    }

    private async Task SampleAsync()
    {
        var queue = await _host.Use<ListTriageQueue, IReadOnlyList<QueueItem>>(u =>
            u.ExecuteAsync(Slug, Actor.User(_triagers[0]), Ct));
        var day = (Now - _scenario.Start).TotalDays;
        Samples.Add(new QueueSample(day,
            queue.Count(i => i.State == ReportState.New.Name()),
            queue.Count(i => i.State == ReportState.NeedsMoreInformation.Name()),
            queue.Count(i => i.State != ReportState.New.Name() && i.State != ReportState.NeedsMoreInformation.Name())));
    }

    private double Days(double from, double to) => from + _random.NextDouble() * (to - from);
}
