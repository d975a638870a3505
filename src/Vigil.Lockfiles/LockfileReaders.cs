using Vigil.Lockfiles.Npm;
using Vigil.Lockfiles.NuGet;
using Vigil.Lockfiles.Pnpm;
using Vigil.Lockfiles.Yarn;

namespace Vigil.Lockfiles;

/// <summary>The one list of supported lockfile formats, and the entry points the audit uses.</summary>
public static class LockfileReaders
{
    private static readonly HashSet<string> SkippedFolders =
        new(StringComparer.OrdinalIgnoreCase) { "node_modules", ".git", "bin", "obj" };

    /// <summary>Every reader; yarn.lock is one entry because classic and berry share the name.</summary>
    public static IReadOnlyList<ILockfileReader> All { get; } =
    [
        new PackageLockReader(),
        new YarnLockReader(),
        new PnpmLockReader(),
        new PackagesLockReader(),
    ];

    /// <summary>The reader for a file name or path, or null when it is not a supported lockfile.</summary>
    public static ILockfileReader? For(string fileName) => All.FirstOrDefault(r => r.CanRead(fileName));

    /// <summary>Reads a lockfile from disk; every failure, including I/O, is a
    /// <see cref="LockfileException"/>.</summary>
    public static Lockfile Read(string path, LockfileReadOptions? options = null)
    {
        var reader = For(path) ?? throw new LockfileException(
            path, null, null, $"not a supported lockfile name (supported: {string.Join(", ", SupportedNames)})");
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (
            e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new LockfileException(path, null, null, $"could not open the file: {e.Message}", e);
        }

        using (stream)
        {
            return reader.Read(path, stream, options ?? LockfileReadOptions.Default);
        }
    }

    /// <summary>
    /// Lockfiles under <paramref name="directory"/>, in a stable order. Skips node_modules, .git, bin
    /// and obj (installed or built copies, not the project's own lockfiles) and does not follow
    /// symbolic links, which could loop.
    /// </summary>
    public static IEnumerable<string> FindLockfiles(string directory)
    {
        var options = new EnumerationOptions
        {
            IgnoreInaccessible = true,
            AttributesToSkip = 0,
            RecurseSubdirectories = false,
        };
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(directory)]);
        while (pending.TryPop(out var current))
        {
            var children = current.EnumerateFileSystemInfos("*", options)
                .OrderBy(i => i.Name, StringComparer.Ordinal)
                .ToList();
            foreach (var file in children.OfType<FileInfo>())
            {
                if (For(file.Name) is not null)
                {
                    yield return file.FullName;
                }
            }

            foreach (var child in children.OfType<DirectoryInfo>().Reverse())
            {
                if (!SkippedFolders.Contains(child.Name) && !child.Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    pending.Push(child);
                }
            }
        }
    }

    private static string[] SupportedNames =>
        ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "packages.lock.json"];
}
