namespace Vigil.Testing;

/// <summary>
/// The read-only <c>shared/</c> folder beside the repository (third-party data, read in place, never copied
/// in), found upwards from the running binaries. Tests go through <see cref="SharedData"/>, which skips when
/// it is absent; the benchmarks compile this file in as a link and fail instead.
/// </summary>
public static class SharedFolder
{
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The folder (the one holding <c>specs/</c>), or null when there is none above the binaries.</summary>
    public static string? Root => Found.Value;

    /// <summary>A path under shared/; throws when the folder is absent.</summary>
    public static string Path(params string[] parts) =>
        Root is { } root
            ? System.IO.Path.Combine([root, .. parts])
            : throw new DirectoryNotFoundException(
                "The shared/ folder (../shared beside the repository) was not found above "
                + $"{AppContext.BaseDirectory}.");

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "specs")))
            {
                return candidate;
            }
        }
        return null;
    }
}
