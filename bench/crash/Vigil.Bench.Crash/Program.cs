using System.Diagnostics;
using Vigil.Bench.Crash;

// The crash-consistency harness (docs/reliability.md, "Crash consistency"): see CrashRun and bench/crash/run.sh.
var options = CrashOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(CrashOptions.Usage);
    return 2;
}
Console.WriteLine($"crash harness: seed {options.Seed}, {options.Cycles} cycles per database, "
    + $"{options.Writers} writers, "
    + $"kill after {options.MinKillMs}–{options.MaxKillMs} ms"
    + (options.EarlyAck ? ", CONTROL early-ack (a write counts as acknowledged when it is sent)" : "")
    + (options.Tamper ? ", CONTROL tamper (the database is damaged after each kill)" : ""));
Console.WriteLine($"vigil: {options.Vigil}; work folder: {options.Work}");
var failed = false;
foreach (var provider in options.Providers)
{
    var stopwatch = Stopwatch.StartNew();
    var summary = await new CrashRun(options, provider).RunAsync();
    Console.WriteLine(summary.Describe(stopwatch.Elapsed));
    failed |= options.EarlyAck ? summary.Lost == 0
        : options.Tamper ? summary.TamperedUnseen > 0 || summary.Tampered == 0
        : !summary.Clean;
}
if (options.EarlyAck || options.Tamper)
{
    Console.WriteLine(failed
        ? "CONTROL FAILED: the harness missed what the control did"
        : "control: the harness sees what the control did");
}
return failed ? 1 : 0;
