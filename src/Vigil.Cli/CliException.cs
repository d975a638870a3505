namespace Vigil.Cli;

/// <summary>
/// An expected way for a command to stop: its message is printed as one line on stderr, and the
/// process exits with <see cref="ExitCode"/>. No stack trace is ever shown for it.
/// </summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
