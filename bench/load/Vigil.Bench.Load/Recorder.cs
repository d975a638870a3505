using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Vigil.Bench.Load;

/// <summary>
/// Every request's kind, status and latency, and the server's resident memory (VmRSS) every sampling interval.
/// A 5xx or a failed connection is a server error; a 4xx is unexpected except a 409 on a racing move.
/// </summary>
internal sealed class Recorder(int serverPid)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<Sample> _samples = new();
    private readonly ConcurrentQueue<string> _notes = new();
    private int _races, _racesOneWinner;

    public sealed record Sample(string Kind, int Status, double Ms, TimeSpan At);

    public sealed record Rss(TimeSpan At, double RssMiB);

    public List<Rss> Memory { get; } = [];

    public int ServerErrors => _samples.Count(s => s.Status is 0 or >= 500);

    public int Unexpected =>
        _samples.Count(s => s.Status is >= 400 and < 500 && !(s.Status == 409 && Conflicts(s.Kind)));

    /// <summary>Moves that can meet another move on the same report (409 is their right answer then).</summary>
    private static bool Conflicts(string kind) => kind is "racing accept" or "publish";

    public async Task<(int Status, string? Body)> SendAsync(
        HttpClient http, string kind, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = _clock.Elapsed;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            Record(kind, status, started, body);
            return (status, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Record(kind, 0, started, e.Message);
            return (0, null);
        }
    }

    private void Record(string kind, int status, TimeSpan started, string body)
    {
        var at = _clock.Elapsed;
        _samples.Enqueue(new Sample(kind, status, (at - started).TotalMilliseconds, at));
        if ((status is 0 or >= 500 || (status is >= 400 and < 500 && !(status == 409 && Conflicts(kind))))
            && _notes.Count < 20)
        {
            _notes.Enqueue($"{kind}: {status} {body[..Math.Min(body.Length, 300)]}");
        }
    }

    /// <summary>Two accepts of one report at once: exactly one may win, the other answers 409.</summary>
    public void Race(int[] statuses)
    {
        Interlocked.Increment(ref _races);
        if (statuses.Count(s => s is >= 200 and < 300) == 1 && statuses.Count(s => s == 409) == 1)
        {
            Interlocked.Increment(ref _racesOneWinner);
        }
    }

    public async Task SampleMemoryAsync(TimeSpan every, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var line = File.ReadLines($"/proc/{serverPid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
            if (line is not null)
            {
                var kib = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                    CultureInfo.InvariantCulture);
                lock (Memory)
                {
                    Memory.Add(new Rss(_clock.Elapsed, kib / 1024));
                }
            }
            try
            {
                await Task.Delay(every, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public string Describe(TimeSpan warmup)
    {
        var all = _samples.ToList();
        var steady = all.Where(s => s.At >= warmup).ToList();
        var seconds = (all.Max(s => s.At) - warmup).TotalSeconds;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"requests: {all.Count} in all, {steady.Count} after the warm-up ")
            + Invariant($"({steady.Count / seconds:F0}/s); 5xx or no answer: {ServerErrors}; ")
            + Invariant($"4xx other than a racing move's 409: {Unexpected}"));
        text.AppendLine(Invariant($"racing accepts: {_races} pairs, {_racesOneWinner} with one 2xx and one 409"));
        text.AppendLine("after the warm-up, by kind (count, 2xx, 409, p50 ms, p99 ms, max ms):");
        foreach (var group in steady.GroupBy(s => s.Kind).OrderByDescending(g => g.Count()))
        {
            text.AppendLine(Line(group.Key, group.ToList()));
        }
        text.AppendLine(Line("all", steady));
        text.AppendLine("per minute (requests, p99 ms):");
        foreach (var minute in all.GroupBy(s => (int)s.At.TotalMinutes).OrderBy(g => g.Key))
        {
            var p99 = Percentile(minute.ToList(), 0.99);
            text.AppendLine(Invariant($"  {minute.Key,2}: {minute.Count(),6} {p99,8:F1}"));
        }
        List<Rss> memory;
        lock (Memory)
        {
            memory = [.. Memory];
        }
        var after = memory.Where(m => m.At >= warmup).ToList();
        if (after.Count > 0)
        {
            text.AppendLine(Invariant($"RSS after the warm-up: first {after[0].RssMiB:F0} MiB, ")
                + Invariant($"min {after.Min(m => m.RssMiB):F0}, max {after.Max(m => m.RssMiB):F0}, ")
                + Invariant($"last {after[^1].RssMiB:F0}"));
        }
        text.AppendLine("RSS every 10 s (MiB): " + string.Join(" ", memory.Select(m => Invariant($"{m.RssMiB:F0}"))));
        foreach (var note in _notes)
        {
            text.AppendLine("  - " + note);
        }
        return text.ToString().TrimEnd();
    }

    private static string Line(string kind, List<Sample> samples) =>
        Invariant($"  {kind,-20} {samples.Count,7} {samples.Count(s => s.Status is >= 200 and < 300),7} ")
        + Invariant($"{samples.Count(s => s.Status == 409),5} {Percentile(samples, 0.5),8:F1} ")
        + Invariant($"{Percentile(samples, 0.99),8:F1} {samples.Max(s => s.Ms),8:F1}");

    private static double Percentile(List<Sample> samples, double p)
    {
        var sorted = samples.Select(s => s.Ms).Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
