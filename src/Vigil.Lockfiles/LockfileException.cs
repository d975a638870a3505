namespace Vigil.Lockfiles;

/// <summary>
/// A lockfile could not be read. The message reads <c>path:line:column: reason</c>, like a compiler's.
/// </summary>
public sealed class LockfileException : Exception
{
    public LockfileException(string filePath, int? line, int? column, string reason, Exception? innerException = null)
        : base(Format(filePath, line, column, reason), innerException)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
        Reason = reason;
    }

    public string FilePath { get; }

    /// <summary>1-based line, when the problem has a place in the file.</summary>
    public int? Line { get; }

    /// <summary>1-based column (in bytes for JSON, in characters otherwise), when known.</summary>
    public int? Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    private static string Format(string filePath, int? line, int? column, string reason) =>
        (line, column) switch
        {
            ({ } l, { } c) => $"{filePath}:{l}:{c}: {reason}",
            ({ } l, null) => $"{filePath}:{l}: {reason}",
            _ => $"{filePath}: {reason}",
        };
}
