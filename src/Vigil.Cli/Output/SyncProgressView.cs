using System.Diagnostics;
using Spectre.Console;
using Vigil.Core.Sync;

namespace Vigil.Cli.Output;

/// <summary>
/// Progress of a sync run: on a terminal a bar per step with bytes or records, rate and time left; off a
/// terminal a plain line per step and per tenth of it, with the rate, since a redrawn bar is noise in a log.
/// </summary>
internal static class SyncProgressView
{
    public static async Task<SyncRunResult> RunAsync(
        CliConsole console, string title, Func<IProgress<SyncProgress>, Task<SyncRunResult>> work)
    {
        if (!console.IsTerminal)
        {
            var lines = new PlainLines(console.Out, title);
            return await work(new Reporter(lines.Report));
        }
        return await console.Ansi.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                ProgressTask? task = null;
                string? step = null;
                return await work(new Reporter(value =>
                {
                    if (value.Step != step)
                    {
                        task?.StopTask();
                        step = value.Step;
                        task = context.AddTask(Markup.Escape($"{title}: {step}"), autoStart: true, maxValue: 1);
                    }
                    var (done, total) = value.TotalRecords > 0 || value.Records > 0
                        ? (value.Records, (double)value.TotalRecords)
                        : (value.Bytes, (double)(value.TotalBytes ?? 0));
                    task!.MaxValue = Math.Max(1, total == 0 ? done : total);
                    task.Value = done;
                    task.Description = Markup.Escape($"{title}: {step} {Amount(value)}");
                }));
            });
    }

    private static string Amount(SyncProgress value) => value.TotalRecords > 0 || value.Records > 0
        ? $"{value.Records:N0}/{value.TotalRecords:N0} records"
        : $"{value.Bytes / 1048576.0:F1}{(value.TotalBytes is { } total ? $"/{total / 1048576.0:F1}" : "")} MB";

    /// <summary>Synchronous: <see cref="Progress{T}"/> would post to the thread pool and reorder updates.</summary>
    private sealed class Reporter(Action<SyncProgress> report) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => report(value);
    }

    private sealed class PlainLines(TextWriter output, string title)
    {
        private readonly Stopwatch _clock = new();
        private string? _step;
        private int _tenth;

        public void Report(SyncProgress value)
        {
            if (value.Step != _step)
            {
                _step = value.Step;
                _tenth = 0;
                _clock.Restart();
                output.WriteLine($"{title}: {value.Step}");
            }
            var (done, total) = value.TotalRecords > 0
                ? (value.Records, (long)value.TotalRecords)
                : (value.Bytes, value.TotalBytes ?? 0);
            var tenth = total == 0 ? 0 : (int)(10 * done / total);
            if (tenth > _tenth)
            {
                _tenth = tenth;
                var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
                var rate = value.TotalRecords > 0
                    ? $"{done / seconds:N0} records/s"
                    : $"{done / seconds / 1048576:F1} MB/s";
                var left = done >= total
                    ? ""
                    : $", about {TimeSpan.FromSeconds((total - done) * seconds / Math.Max(done, 1)):mm\\:ss} left";
                output.WriteLine($"  {Amount(value)} ({rate}{left})");
            }
        }
    }
}
