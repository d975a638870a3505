using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Vigil.Bench.Crash;

/// <summary>
/// The cycles on one database. Each cycle starts the server (the restart after the previous kill), checks everything
/// acknowledged so far against what the database and the server hold, starts the writers and an import, and at a
/// random moment kills the server (SIGKILL) and the import. A last start checks the last kill.
/// </summary>
internal sealed class CrashRun(CrashOptions options, string provider)
{
    public sealed record Summary(
        string Database, int Cycles, Dictionary<WriteKind, int> Acknowledged, int Lost, List<string> LostSamples,
        int Violations, List<string> ViolationSamples, Stats Stats, Verifier.Result? Last, int Seed, bool EarlyAck,
        List<double> StartSeconds)
    {
        public int Tampered { get; init; }

        public int TamperedUnseen { get; init; }

        public bool Clean => Lost == 0 && Violations == 0;

        public string Describe(TimeSpan elapsed)
        {
            var text = new StringBuilder();
            var acknowledged = Acknowledged.Values.Sum();
            var kinds = string.Join(", ", Acknowledged.Select(p => $"{p.Key.ToString().ToLowerInvariant()} {p.Value}"));
            var control = EarlyAck ? " (CONTROL early-ack)" : "";
            Line(text, $"== {Database}{control}: seed {Seed}, {Cycles} cycles in {elapsed.TotalMinutes:F1} min");
            Line(text, $"   acknowledged writes: {acknowledged} ({kinds})");
            Line(text, $"   lost writes: {Lost}");
            Line(text, $"   integrity violations: {Violations}");
            if (Tampered > 0)
            {
                Line(text, $"   damaged after a kill (control): {Tampered} cycles, "
                    + $"seen by the checks in {Tampered - TamperedUnseen}");
            }
            Line(text, $"   requests sent: {Stats.Sent}, cut off by a kill: {Stats.Unanswered}, "
                + $"5xx: {Stats.ServerErrors}, other 4xx than 409: {Stats.Refused}");
            if (StartSeconds.Count > 0)
            {
                var sorted = StartSeconds.Order().ToList();
                Line(text, $"   restart to listening: median {sorted[sorted.Count / 2]:F2} s, max {sorted[^1]:F2} s");
            }
            if (Last is { } last)
            {
                Line(text, $"   at the end the database held {last.Reports} reports, {last.Events} timeline entries, "
                    + $"{last.Attachments} attachments, {last.Advisories} advisories, "
                    + $"{last.DeadlineActions} deadline actions");
            }
            foreach (var line in LostSamples.Concat(ViolationSamples).Concat(Stats.Notes).Take(20))
            {
                text.AppendLine("   - " + line);
            }
            return text.ToString().TrimEnd();
        }

        private static void Line(StringBuilder text, string line) => text.AppendLine(line);
    }

    private Process StartImport(Ack ack, string folder, Instance instance, Journal journal, TextWriter log)
    {
        if (options.EarlyAck)
        {
            journal.Record(ack);
        }
        return Importer.Start(options.Vigil, folder, instance.Database, log);
    }

    public async Task<Summary> RunAsync()
    {
        var runId = $"{DateTime.UtcNow:HHmmss}{Environment.ProcessId % 1000:D3}";
        var work = Path.Combine(options.Work, provider);
        Directory.CreateDirectory(work);
        await using var log = new StreamWriter(Path.Combine(work, "server.log")) { AutoFlush = true };
        var instance = await Instance.CreateAsync(provider, work, runId);
        var journal = new Journal(Path.Combine(work, "journal.jsonl"));
        var verifier = new Verifier(instance);
        var known = new List<KnownReport>();
        var stats = new Stats();
        var workload = new Workload(instance, journal, known, options.EarlyAck, stats);
        var lost = new Dictionary<Ack, string>(ReferenceEqualityComparer.Instance);
        // Each distinct violation once, with the cycle it appeared after.
        var violations = new Dictionary<string, string>(StringComparer.Ordinal);
        var starts = new List<double>();
        Verifier.Result? last = null;
        string? tampered = null;
        int tamperedCycles = 0, tamperedUnseen = 0;
        var previouslyReported = new HashSet<string>(StringComparer.Ordinal);
        var budget = Stopwatch.StartNew();
        var cyclesRun = 0;
        try
        {
            for (var cycle = 1; cycle <= options.Cycles + 1; cycle++)
            {
                var random = new Random(Seeds.Cycle(options.Seed, cycle, provider));
                // Half the imports start with the server (and mostly finish before the kill), half with the
                // writers (and are often killed half-way).
                var importEarly = random.Next(2) == 0;
                var (folder, ids) = Importer.Write(work, runId, cycle);
                var importAck = new Ack(WriteKind.Import, cycle, folder, ImportIds: ids);
                Process? import = null;
                var lastCycle = cycle > options.Cycles || budget.Elapsed.TotalMinutes > options.MaxMinutes;
                if (importEarly && cycle > 1 && !lastCycle)
                {
                    import = StartImport(importAck, folder, instance, journal, log);
                }
                var started = Stopwatch.StartNew();
                var server = await VigilServer.StartAsync(options.Vigil, instance.Database, options.Port,
                    instance.Environment(), log, options.StartTimeoutSeconds);
                starts.Add(started.Elapsed.TotalSeconds);
                if (cycle == 1)
                {
                    await instance.SetUpAsync();
                }
                else
                {
                    // The restart after the kill that ended the previous cycle: check it before writing anything new.
                    last = await verifier.CheckAsync(journal.Snapshot(), cycle - 1, server.Url, random);
                    foreach (var (ack, why) in last.Lost)
                    {
                        lost.TryAdd(ack, why);
                    }
                    foreach (var violation in last.Violations)
                    {
                        violations.TryAdd(violation, $"after cycle {cycle - 1}: {violation}");
                    }
                    // A damage is seen when the check reports something the check before did not (damage stays, so
                    // earlier damage is reported again).
                    var reported = last.Lost.Values.Concat(last.Violations).ToHashSet(StringComparer.Ordinal);
                    var fresh = reported.Except(previouslyReported).ToList();
                    previouslyReported = reported;
                    if (tampered is not null && fresh.Count == 0)
                    {
                        tamperedUnseen++;
                        Console.WriteLine($"   cycle {cycle - 1}: NOT SEEN: {tampered}");
                    }
                    else if (tampered is not null)
                    {
                        Console.WriteLine($"   cycle {cycle - 1}: {tampered}: seen: {fresh[0]}");
                    }
                    else if (last.Lost.Count > 0 || last.Violations.Count > 0)
                    {
                        Console.WriteLine(
                            $"   cycle {cycle - 1}: {last.Lost.Count} lost, {last.Violations.Count} violation(s)");
                        foreach (var line in last.Lost.Values.Concat(last.Violations).Take(5))
                        {
                            Console.WriteLine("     - " + line);
                        }
                    }
                }
                if (lastCycle)
                {
                    cyclesRun = cycle - 1;
                    await server.KillAsync();
                    if (import is not null)
                    {
                        await import.WaitForExitAsync();
                    }
                    break;
                }
                import ??= StartImport(importAck, folder, instance, journal, log);
                using var stop = new CancellationTokenSource();
                var writers = workload.RunAsync(server.Url, cycle, options.Writers, options.Seed, stop.Token);
                // The kill lands a random time into the writing: counted from the server's first answer of this
                // cycle, so a slow start (a loaded machine, the first requests' JIT) does not turn every cycle into
                // a kill before any write.
                var killAfter = random.Next(options.MinKillMs, options.MaxKillMs + 1);
                await Task.WhenAny(workload.Answered, Task.Delay(TimeSpan.FromSeconds(60)));
                await Task.Delay(killAfter);
                await server.KillAsync();
                if (import.HasExited && import.ExitCode == 0)
                {
                    if (!options.EarlyAck)
                    {
                        journal.Record(importAck);
                    }
                }
                else if (!import.HasExited)
                {
                    import.Kill();
                }
                await import.WaitForExitAsync();
                import.Dispose();
                // Requests in flight fail on their own (connection reset); the writers then stop.
                await stop.CancelAsync();
                await writers;
                tampered = options.Tamper ? await Tamper.ApplyAsync(instance, cycle) : null;
                tamperedCycles += tampered is null ? 0 : 1;
                if (cycle % 10 == 0)
                {
                    Console.WriteLine($"   {instance.Name}: cycle {cycle}, {journal.Count} writes acknowledged so far, "
                        + $"{lost.Count} lost, {violations.Count} violation(s)");
                }
            }
        }
        finally
        {
            await instance.DropAsync();
        }
        var acknowledged = journal.Snapshot().GroupBy(a => a.Kind).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => g.Count());
        return new Summary(instance.Name, cyclesRun, acknowledged, lost.Count, [.. lost.Values.Take(10)],
            violations.Count, [.. violations.Values.Take(10)], stats, last, options.Seed, options.EarlyAck, starts)
        {
            Tampered = tamperedCycles,
            TamperedUnseen = tamperedUnseen,
        };
    }
}
