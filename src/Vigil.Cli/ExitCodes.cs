namespace Vigil.Cli;

/// <summary>The exit statuses of every <c>vigil</c> command (docs/cli.md lists them for users).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>
    /// The command ran, and its answer is "no": findings at the audit level, skipped records, an unknown id.
    /// </summary>
    public const int Failure = 1;

    /// <summary>The command could not do what was asked: bad arguments, unreadable input, no database.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl-C, as shells report SIGINT (128 + 2).</summary>
    public const int Cancelled = 130;
}
