namespace Vigil.Testing;

/// <summary>
/// Finds the pinned npm oracles of a test project (<c>tests/&lt;project&gt;/oracle</c>, installed with
/// <c>npm ci --prefix tests/&lt;project&gt;/oracle</c>, which scripts/test.sh runs) and the node they run on.
/// </summary>
public static class NodeOracles
{
    /// <summary>The sentence a skip message ends with: how to install the project's oracles.</summary>
    public static string InstallHint(string testProject) =>
        $"run `npm ci --prefix tests/{testProject}/oracle` (scripts/test.sh does)";

    /// <summary>
    /// <c>tests/&lt;testProject&gt;/oracle</c> of the checkout the tests run from, searched upwards from the
    /// test binaries, when <paramref name="marker"/> (a path inside the folder) exists there; otherwise null.
    /// </summary>
    public static string? Directory(string testProject, params string[] marker)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = dir.Name == testProject
                ? Path.Combine(dir.FullName, "oracle")
                : Path.Combine(dir.FullName, "tests", testProject, "oracle");
            var probe = Path.Combine([candidate, .. marker]);
            if (System.IO.File.Exists(probe) || System.IO.Directory.Exists(probe))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>A file inside the project's oracle folder when it exists (e.g. an installed package).</summary>
    public static string? File(string testProject, params string[] path) =>
        Directory(testProject, path) is { } oracle ? Path.Combine([oracle, .. path]) : null;

    /// <summary>The machine's <c>node</c> (the first on PATH), or null.</summary>
    public static string? Node() => OnPath(OperatingSystem.IsWindows() ? "node.exe" : "node");

    /// <summary>The first <paramref name="executable"/> on PATH, or null.</summary>
    public static string? OnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, executable))
            .FirstOrDefault(System.IO.File.Exists);
}
