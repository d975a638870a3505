using System.Diagnostics;
using System.Globalization;
using Vigil.Core.Imports;

namespace Vigil.Cli.Output;

/// <summary>
/// Progress of <c>vigil import URL</c> on stderr: the bytes downloaded, then the records imported. Shown
/// when stderr is a terminal (one line, redrawn at most ten times a second) or with <c>--progress</c> (off a
/// terminal: a line per step, per tenth of it and at its end, since a redrawn line is noise in a log);
/// otherwise nothing, so a script's stderr holds only the problems.
/// </summary>
internal sealed class UrlProgressView(TextWriter error, bool terminal, string url)
{
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);
    private readonly Stopwatch _sinceDrawn = Stopwatch.StartNew();
    private string? _step;
    private string? _pending;
    private int _tenth;
    private bool _lineOpen;

    public static UrlProgressView? For(CliConsole console, bool forced, string url) =>
        console.IsErrorTerminal || forced ? new UrlProgressView(console.Error, console.IsErrorTerminal, url) : null;

    public IProgress<DownloadProgress> Download =>
        new Reporter<DownloadProgress>(d =>
            Show("downloading", d.Bytes, d.TotalBytes, Megabytes(d.Bytes, d.TotalBytes)));

    public IProgress<ImportProgress> Records =>
        new Reporter<ImportProgress>(p => Show("importing", p.Done, p.Total, Count(p.Done, p.Total)));

    /// <summary>Ends the last step: its final figure on a line of its own.</summary>
    public void Finish()
    {
        if (terminal && _pending is not null)
        {
            Draw(_pending);
        }
        else if (!terminal && _pending is not null)
        {
            error.WriteLine("  " + _pending);
        }
        if (_lineOpen)
        {
            error.WriteLine();
        }
        _pending = null;
        _lineOpen = false;
    }

    private void Show(string step, long done, long? total, string amount)
    {
        if (step != _step)
        {
            Finish();
            _step = step;
            _tenth = 0;
            if (!terminal)
            {
                error.WriteLine($"{step} {url}");
            }
        }
        _pending = amount;
        if (terminal)
        {
            if (_sinceDrawn.Elapsed >= RedrawEvery)
            {
                Draw(amount);
            }
            return;
        }
        var tenth = total is > 0 ? (int)(10 * done / total.Value) : 0;
        if (tenth > _tenth && done < total)
        {
            _tenth = tenth;
            error.WriteLine("  " + amount);
        }
    }

    private void Draw(string amount)
    {
        // Carriage return and erase to the end of the line: the line is redrawn in place.
        error.Write($"\r{_step} {url}: {amount}\u001b[K");
        _lineOpen = true;
        _pending = null;
        _sinceDrawn.Restart();
    }

    private static string Megabytes(long bytes, long? total) => total is { } all
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} of {all / 1048576.0:F1} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MB");

    private static string Count(long done, long total) =>
        string.Create(CultureInfo.InvariantCulture, $"{done:N0} of {total:N0} records");

    /// <summary>Synchronous: <see cref="Progress{T}"/> would post to the thread pool and reorder updates.</summary>
    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
