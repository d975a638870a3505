namespace Vigil.Core.Imports.NodejsWg;

/// <summary>
/// Where the WG data is, from any of the paths a user might give: the <c>vuln/</c> directory, its parent
/// (the security-wg checkout), or <c>vuln/npm</c> / <c>vuln/core</c> directly.
/// </summary>
internal sealed record NswgLayout(string? NpmDirectory, string? CoreDirectory)
{
    public const string IndexFile = "index.json";

    public static NswgLayout? Detect(string path)
    {
        if (!Directory.Exists(path))
        {
            return null;
        }
        var vuln = FromVuln(path) ?? FromVuln(Path.Combine(path, "vuln"));
        if (vuln is not null)
        {
            return vuln;
        }
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        return name switch
        {
            "npm" when HasRecords(path) => new NswgLayout(path, null),
            "core" when HasRecords(path) => new NswgLayout(null, path),
            _ => null,
        };
    }

    private static NswgLayout? FromVuln(string directory)
    {
        var npm = Path.Combine(directory, "npm");
        var core = Path.Combine(directory, "core");
        var hasNpm = HasRecords(npm);
        var hasCore = HasRecords(core);
        return hasNpm || hasCore ? new NswgLayout(hasNpm ? npm : null, hasCore ? core : null) : null;
    }

    /// <summary>A WG list directory holds numbered records (<c>12.json</c>) and/or an <c>index.json</c>.</summary>
    private static bool HasRecords(string directory) =>
        Directory.Exists(directory)
        && (File.Exists(Path.Combine(directory, IndexFile)) || NumberedFiles(directory).Any());

    /// <summary>The <c>&lt;n&gt;.json</c> files, in numeric order.</summary>
    public static IEnumerable<(long Number, string File)> NumberedFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.json")
            .Select(file => (Name: Path.GetFileNameWithoutExtension(file), File: file))
            .Where(f => NswgFormat.IsNumberName(f.Name) && f.Name.Length < 18)
            .Select(f => (long.Parse(f.Name, System.Globalization.CultureInfo.InvariantCulture), f.File))
            .OrderBy(f => f.Item1);
}
