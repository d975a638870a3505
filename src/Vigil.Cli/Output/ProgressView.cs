using Spectre.Console;

namespace Vigil.Cli.Output;

/// <summary>
/// One step of a long operation: <paramref name="Done"/> of <paramref name="Total"/>, now working on
/// <paramref name="Item"/>.
/// </summary>
internal readonly record struct ProgressStep(int Done, int Total, string? Item);

/// <summary>
/// Shows how far an import or export is: a progress bar on a terminal; off a terminal (CI logs, pipes)
/// a plain line per input and per tenth of the work, because redrawn bars turn into noise in a log file.
/// </summary>
internal static class ProgressView
{
    public static async Task<TResult> RunAsync<TProgress, TResult>(
        CliConsole console, string verb, Func<TProgress, ProgressStep> read,
        Func<IProgress<TProgress>, Task<TResult>> work)
    {
        if (!console.IsTerminal)
        {
            var lines = new PlainLines(console.Out, verb);
            return await work(new Reporter<TProgress>(value => lines.Report(read(value))));
        }
        return await console.Ansi.Progress()
            .Columns(
                new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Capitalized(verb), autoStart: true, maxValue: 1);
                return await work(new Reporter<TProgress>(value =>
                {
                    var step = read(value);
                    task.MaxValue = Math.Max(1, step.Total);
                    task.Value = step.Done;
                    if (step.Item is { } item)
                    {
                        task.Description = Markup.Escape(
                            $"{Capitalized(verb)} {Path.GetFileName(item.TrimEnd('/', '\\'))}");
                    }
                }));
            });
    }

    private static string Capitalized(string verb) => char.ToUpperInvariant(verb[0]) + verb[1..];

    /// <summary>
    /// Reports synchronously: <see cref="Progress{T}"/> would post to the thread pool and reorder updates.
    /// </summary>
    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private sealed class PlainLines(TextWriter output, string verb)
    {
        private string? _item;
        private int _tenth;

        public void Report(ProgressStep step)
        {
            if (step.Item is { } item && item != _item)
            {
                _item = item;
                output.WriteLine($"{verb} {item}");
            }
            var tenth = step.Total == 0 ? 0 : (int)(10L * step.Done / step.Total);
            if (tenth > _tenth && step.Done < step.Total)
            {
                _tenth = tenth;
                output.WriteLine($"  {step.Done}/{step.Total}");
            }
        }
    }
}
