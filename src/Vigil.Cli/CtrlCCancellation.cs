namespace Vigil.Cli;

/// <summary>
/// The first Ctrl-C cancels the running command, which stops at its next await (an import rolls back
/// the batch in flight; committed batches stay); a second Ctrl-C is left to the runtime and ends the
/// process at once, for a command that does not stop.
/// </summary>
internal sealed class CtrlCCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public CtrlCCancellation() => Console.CancelKeyPress += OnCancelKeyPress;

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (!_source.IsCancellationRequested)
        {
            e.Cancel = true;
            _source.Cancel();
        }
    }
}
