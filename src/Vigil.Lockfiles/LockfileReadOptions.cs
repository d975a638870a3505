namespace Vigil.Lockfiles;

/// <summary>Limits that keep a hostile lockfile from exhausting memory, stack or time.</summary>
/// <param name="MaxBytes">Largest file accepted; checked before more than this is buffered.</param>
/// <param name="MaxDepth">Deepest nesting of JSON/YAML values, and the longest dependency chain reported.</param>
/// <param name="MaxPathsPerPackage">Dependency chains kept per package; the shortest are kept.</param>
public sealed record LockfileReadOptions(
    long MaxBytes = 64L * 1024 * 1024,
    int MaxDepth = 256,
    int MaxPathsPerPackage = 100)
{
    public static LockfileReadOptions Default { get; } = new();

    /// <summary>
    /// Opens a file next to the lockfile (its argument is relative, e.g. <c>package.json</c>) or returns
    /// null when it does not exist. Null means the file system beside <c>filePath</c>; tests supply their own.
    /// </summary>
    public Func<string, Stream?>? OpenSiblingFile { get; init; }
}
