using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Parsing;

namespace Vigil.Lockfiles.Npm;

/// <summary>
/// The dependency lists of a package.json next to a lockfile. yarn.lock (and package-lock v1) do not
/// say which packages are direct or dev dependencies; the manifest does.
/// </summary>
internal sealed class PackageManifest
{
    private static readonly (string Field, DependencyKind Kind)[] Fields =
    [
        ("dependencies", DependencyKind.Prod),
        ("optionalDependencies", DependencyKind.Optional),
        ("devDependencies", DependencyKind.Dev),
    ];

    private PackageManifest(List<(string Name, string Range, DependencyKind Kind)> dependencies) =>
        Dependencies = dependencies;

    /// <summary>Declared dependencies in file order: prod, then optional, then dev.</summary>
    public IReadOnlyList<(string Name, string Range, DependencyKind Kind)> Dependencies { get; }

    /// <summary>Null when the file does not exist; a malformed manifest is an error naming the manifest.</summary>
    public static PackageManifest? TryLoad(string lockfilePath, string relativePath, LockfileReadOptions options)
    {
        var manifestPath = Path.Combine(Path.GetDirectoryName(lockfilePath) ?? "", relativePath);
        return LockfileInput.Guard(manifestPath, () =>
        {
            using var stream = options.OpenSiblingFile is { } open ? open(relativePath) : OpenFromDisk(manifestPath);
            if (stream is null)
            {
                return null;
            }

            var root = LockfileInput.ReadJson(stream, options).AsMap("the package.json document");
            var dependencies = new List<(string, string, DependencyKind)>();
            foreach (var (field, kind) in Fields)
            {
                foreach (var (name, range) in root.StringPairs(field))
                {
                    dependencies.Add((name.Value, range, kind));
                }
            }

            return new PackageManifest(dependencies);
        });
    }

    /// <summary>
    /// Workspace manifests are named by the lockfile itself; only plain relative paths inside the
    /// project are followed, so a crafted lockfile cannot make us read files elsewhere.
    /// </summary>
    public static bool IsSafeRelativePath(string path) =>
        path.Length > 0
        && !Path.IsPathRooted(path)
        && !path.Contains(':', StringComparison.Ordinal)
        && !path.Contains('\\', StringComparison.Ordinal)
        && !path.Split('/').Any(segment => segment is ".." or "");

    private static FileStream? OpenFromDisk(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
