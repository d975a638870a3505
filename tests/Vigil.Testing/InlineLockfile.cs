using System.Text;
using Vigil.Lockfiles;

namespace Vigil.Testing;

/// <summary>
/// Reads a lockfile held in memory as the product reads one from disk, with only the given files beside it
/// (relative path → content; none by default). The lockfile tests and the fuzz targets (bench/fuzz compiles
/// this file in as a link) read through it.
/// </summary>
public static class InlineLockfile
{
    public static Lockfile Read(
        string fileName, Stream content, IReadOnlyDictionary<string, string>? siblings = null,
        LockfileReadOptions? options = null)
    {
        var reader = LockfileReaders.For(fileName) ?? throw new InvalidOperationException($"no reader for {fileName}");
        var withSiblings = (options ?? LockfileReadOptions.Default) with
        {
            OpenSiblingFile = name => siblings is not null && siblings.TryGetValue(name, out var text)
                ? new MemoryStream(Encoding.UTF8.GetBytes(text))
                : null,
        };
        return reader.Read(fileName, content, withSiblings);
    }
}
