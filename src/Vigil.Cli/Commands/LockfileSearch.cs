using Vigil.Lockfiles;

namespace Vigil.Cli.Commands;

/// <summary>
/// What <c>vigil audit PATH</c> audits: PATH itself when it is a file, else every lockfile found under it.
/// </summary>
internal static class LockfileSearch
{
    private const string Supported =
        "package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, packages.lock.json";

    /// <returns>The root that output paths are relative to, and the lockfiles in a stable order.</returns>
    /// <param name="allowNone">
    /// A directory without lockfiles is no error (the Node.js version alone is audited).
    /// </param>
    public static (string Root, IReadOnlyList<string> Lockfiles) Find(
        CliConsole console, string? path, bool allowNone = false)
    {
        var full = Path.GetFullPath(console.ResolvePath(string.IsNullOrWhiteSpace(path) ? "." : path));
        if (File.Exists(full))
        {
            return (Path.GetDirectoryName(full)!, [full]);
        }
        if (!Directory.Exists(full))
        {
            throw new CliException($"{path}: no such file or directory");
        }
        var found = LockfileReaders.FindLockfiles(full).ToList();
        if (found.Count == 0 && !allowNone)
        {
            throw new CliException(
                $"no lockfile found in {path ?? "the current directory"} or below (looked for {Supported})");
        }
        return (full, found);
    }
}
