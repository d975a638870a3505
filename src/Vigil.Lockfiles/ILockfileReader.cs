namespace Vigil.Lockfiles;

/// <summary>A reader for one lockfile format; all of them are listed in <see cref="LockfileReaders.All"/>.</summary>
public interface ILockfileReader
{
    /// <summary>A short name for the format, e.g. <c>package-lock.json</c>.</summary>
    string Format { get; }

    /// <summary>Whether this reader handles a file of that name (a bare name or a path).</summary>
    bool CanRead(string fileName);

    /// <summary>Reads a lockfile. Any problem with the input is a <see cref="LockfileException"/>.</summary>
    /// <param name="filePath">Used in errors and to find sibling files such as package.json.</param>
    Lockfile Read(string filePath, Stream content, LockfileReadOptions options);
}
