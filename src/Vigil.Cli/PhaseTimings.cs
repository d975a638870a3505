using System.Diagnostics;

namespace Vigil.Cli;

/// <summary>
/// With <c>VIGIL_TIMINGS=1</c>, a command prints how long each of its phases took to stderr (one line
/// each, "vigil: timing: PHASE: N ms wall, N ms CPU, N MB allocated, N garbage collections"; CPU is the
/// process's, all threads, so it holds on a loaded machine where wall time does not), the first being
/// the runtime's own start-up before <c>Main</c>: how benchmark (b) in docs/performance.md tells where
/// an audit's time goes. Off, it costs nothing.
/// </summary>
internal sealed class PhaseTimings
{
    public const string Variable = "VIGIL_TIMINGS";

    private static readonly PhaseTimings Off = new(null);
    private readonly TextWriter? _error;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _last;
    private TimeSpan _lastCpu;
    private long _lastAllocated;
    private int _lastCollections;

    private PhaseTimings(TextWriter? error) => _error = error;

    public static PhaseTimings For(CliConsole console)
    {
        if (console.Environment(Variable) is not ("1" or "true"))
        {
            return Off;
        }
        var timings = new PhaseTimings(console.Error);
        using var process = Process.GetCurrentProcess();
        timings._lastCpu = process.TotalProcessorTime;
        timings.Write("process start until the command ran", DateTime.Now - process.StartTime, timings._lastCpu);
        return timings;
    }

    public void Done(string phase)
    {
        if (_error is null)
        {
            return;
        }
        var now = _watch.Elapsed;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var collections = GC.CollectionCount(0);
        Write(phase, now - _last, cpu - _lastCpu,
            $", {(allocated - _lastAllocated) / 1024.0 / 1024.0:F1} MB allocated, "
            + $"{collections - _lastCollections} garbage collections");
        _last = now;
        _lastCpu = cpu;
        _lastAllocated = allocated;
        _lastCollections = collections;
    }

    private void Write(string phase, TimeSpan wall, TimeSpan cpu, string memory = "") =>
        _error?.WriteLine(
            $"vigil: timing: {phase}: {wall.TotalMilliseconds:F0} ms wall, {cpu.TotalMilliseconds:F0} ms CPU{memory}");
}
