namespace Vigil.Lockfiles.Parsing;

/// <summary>
/// Thrown inside a reader, where the file path is not at hand; <see cref="LockfileInput.Guard{T}"/>
/// turns it into a <see cref="LockfileException"/> naming the file.
/// </summary>
internal sealed class FormatError(int? line, int? column, string reason) : Exception(reason)
{
    public int? Line { get; } = line;
    public int? Column { get; } = column;
    public string Reason { get; } = reason;

    public static FormatError At(LockNode node, string reason) => new(node.Line, node.Column, reason);
}
