namespace Vigil.Cli;

internal static class ErrorText
{
    /// <summary>
    /// The message that says what actually went wrong: EF and ADO.NET wrap the driver's error
    /// ("SQLite Error 14: unable to open database file") in generic outer exceptions.
    /// </summary>
    public static string Innermost(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        return OneLine(inner.Message);
    }

    /// <summary>Every error is one line: later lines of a driver message (hints, SQL) are dropped.</summary>
    public static string OneLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length == 0 ? "unknown error" : line;
    }
}
