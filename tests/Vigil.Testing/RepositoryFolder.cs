namespace Vigil.Testing;

/// <summary>
/// The repository's root (the folder holding <c>Vigil.slnx</c>), found upwards from the running binaries: tests that
/// read the sources or the README (sweeps of a house rule) start there.
/// </summary>
public static class RepositoryFolder
{
    private static readonly Lazy<string> Found = new(Find);

    public static string Root => Found.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Vigil.slnx above {AppContext.BaseDirectory}");
    }
}
