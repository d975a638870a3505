namespace Vigil.Testing;

/// <summary>
/// Locates the read-only <c>shared/</c> folder that sits beside the repository (third-party data is
/// read from there, never copied in). Tests that need it skip with a clear message when it is absent.
/// </summary>
public static class SharedData
{
    public static bool Exists => SharedFolder.Root is not null;

    public static string Path(params string[] parts)
    {
        var root = SharedFolder.Root;
        if (root is null)
        {
            Assert.Skip(
                "The shared/ folder (../shared beside the repository, with shared/specs) was not found above "
                + $"{AppContext.BaseDirectory}; this test reads its data.");
        }
        return System.IO.Path.Combine([root!, .. parts]);
    }

    /// <summary>The path under shared/, or null when the folder (or that path in it) is absent.</summary>
    public static string? TryPath(params string[] parts)
    {
        if (SharedFolder.Root is not { } root)
        {
            return null;
        }
        var path = System.IO.Path.Combine([root, .. parts]);
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }

    public static string Lockfiles(string sample) => Path("specs", "lockfiles", sample);

    public static string NodejsWgVuln() => Path("data", "nodejs-security-wg", "vuln");
}
