namespace Vigil.Cli.Tests.Infrastructure;

/// <summary>
/// Locates the read-only <c>shared/</c> folder beside the repository (third-party data such as the
/// Node.js WG database and real lockfiles is read from there, never copied in). Tests that need it
/// skip with a clear message when it is absent.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    public static bool Exists => Root.Value is not null;

    public static string Path(params string[] parts)
    {
        var root = Root.Value;
        if (root is null)
        {
            Assert.Skip($"The shared/ folder (with shared/specs) was not found above {AppContext.BaseDirectory}; this test reads its data.");
        }
        return System.IO.Path.Combine([root!, .. parts]);
    }

    public static string Lockfiles(string sample) => Path("specs", "lockfiles", sample);

    public static string NodejsWgVuln() => Path("data", "nodejs-security-wg", "vuln");

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
