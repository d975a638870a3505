using System.Runtime;

namespace Vigil.Cli.Commands;

/// <summary>
/// A command that reads a whole database's worth of records in one go (<c>vigil sync</c>, <c>vigil import</c>)
/// asks for blocking garbage collections: background collections let the heap grow well past what is alive while
/// they run (a first sync of 220,000 records peaked at 510–540 MB with them, 450 MB without; docs/performance.md).
/// No one waits on a pause of a batch process, so latency is not a cost here; <c>vigil serve</c> keeps the default.
/// </summary>
internal static class BatchProcess
{
    public static void Enter() => GCSettings.LatencyMode = GCLatencyMode.Batch;
}
