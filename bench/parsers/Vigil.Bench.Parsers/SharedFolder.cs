namespace Vigil.Bench.Parsers;

/// <summary>The read-only shared/ folder beside the repository (third-party data, read in place).</summary>
internal static class SharedFolder
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "specs")))
            {
                return System.IO.Path.Combine([candidate, .. parts]);
            }
        }
        throw new DirectoryNotFoundException(
            $"The shared/ folder (../shared beside the repository) was not found above {AppContext.BaseDirectory}.");
    }
}
