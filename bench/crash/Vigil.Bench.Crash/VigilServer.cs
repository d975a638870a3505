using System.Diagnostics;

namespace Vigil.Bench.Crash;

/// <summary>
/// One <c>vigil serve</c> process of the published build, started on a database and killed with SIGKILL
/// (<see cref="Process.Kill()"/> sends SIGKILL on Linux): no shutdown code runs, no buffer is flushed.
/// Its output goes to a log file; the harness waits for the "listening on" line.
/// </summary>
internal sealed class VigilServer
{
    private readonly Process _process;

    private VigilServer(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public int Pid => _process.Id;

    public static async Task<VigilServer> StartAsync(
        string vigil, string database, int port, IReadOnlyDictionary<string, string> environment, TextWriter log,
        double timeoutSeconds = 120)
    {
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(vigil)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "serve", "--database", database, "--urls", url })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {vigil}");
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (log)
            {
                log.WriteLine($"[{process.Id}] {e.Data}");
            }
            if (e.Data.StartsWith("vigil serve: listening on ", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (log)
                {
                    log.WriteLine($"[{process.Id}] ! {e.Data}");
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var timeout = Task.Delay(TimeSpan.FromSeconds(timeoutSeconds));
        var first = await Task.WhenAny(listening.Task, exited, timeout);
        if (first != listening.Task)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            throw new InvalidOperationException(first == exited
                ? $"vigil serve exited with {process.ExitCode} before listening (see the log)"
                : $"vigil serve did not listen within {timeoutSeconds} s (see the log)");
        }
        return new VigilServer(process, url);
    }

    /// <summary>SIGKILL, then wait until the process is gone (its port and its database sessions with it).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
