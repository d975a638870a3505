using System.Text.Json;
using Vigil.Core.Runtime;
using Vigil.Lockfiles;
using Vigil.Versioning.Npm;

namespace Vigil.Cli.Commands;

/// <summary>
/// The project's Node.js version for <c>vigil audit</c> (docs/cli.md): <c>--node VERSION</c>, else the first of
/// <c>.nvmrc</c>, <c>.node-version</c> and <c>package.json</c>'s <c>engines.node</c> in the audited directory.
/// An exact version (a leading <c>v</c> allowed) is checked as it is; a range or a partial version
/// (<c>&gt;=18.12</c>, <c>20</c>) is checked at the lowest release it admits, the oldest Node.js the project
/// says it runs on. It becomes one more "lockfile" with one package, the runtime, matched against the core
/// advisories' runtime entries like any package, as the WG's <c>is-my-node-vulnerable</c> checks a version.
/// </summary>
internal static class NodeVersionSource
{
    public const string Format = "Node.js version";

    public static Lockfile? Find(CliConsole console, string? option, string? directory)
    {
        if (option is not null)
        {
            return Version(option) is { } version
                ? Runtime("--node", version)
                : throw new CliException($"--node: '{option}' is not a Node.js version or range");
        }
        if (directory is null)
        {
            return null;
        }
        foreach (var (file, read) in Sources)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path) || read(path) is not { Length: > 0 } text)
            {
                continue;
            }
            if (Version(text) is { } version)
            {
                return Runtime(path, version);
            }
            console.WriteError($"warning: {file}: '{text}' is not a Node.js version or range; "
                + "pass --node VERSION to check the runtime");
            return null;
        }
        return null;
    }

    /// <summary>Whether PATH is a directory that names a Node.js version (then it may hold no lockfile).</summary>
    public static bool IsIn(CliConsole console, string? path)
    {
        var full = Path.GetFullPath(console.ResolvePath(string.IsNullOrWhiteSpace(path) ? "." : path));
        return Directory.Exists(full)
            && Sources.Any(s => File.Exists(Path.Combine(full, s.File))
                && s.Read(Path.Combine(full, s.File)) is { Length: > 0 });
    }

    private static readonly (string File, Func<string, string?> Read)[] Sources =
    [
        (".nvmrc", FirstLine),
        (".node-version", FirstLine),
        ("package.json", EnginesNode),
    ];

    private static Lockfile Runtime(string from, string version) =>
        new(from, Format,
            [new InstalledPackage(
                PackageEcosystem.NodeRuntime, NodeRuntime.Name, version, false, false, [NodeRuntime.Name])]);

    /// <summary>The version to check, or null when the text is neither a version nor a range.</summary>
    internal static string? Version(string text)
    {
        var trimmed = text.Trim();
        var bare = trimmed.StartsWith('v') || trimmed.StartsWith('V') ? trimmed[1..] : trimmed;
        if (NpmVersion.TryParse(bare, NpmSemverOptions.Default, out var exact))
        {
            return exact.ToString();
        }
        if (!NpmRange.TryParse(trimmed, NpmSemverOptions.Default, out var range)
            || SemverIntervals.Of(range) is not [var lowest, ..])
        {
            return null;
        }
        var v = lowest.Lower;
        return v.Prerelease is [{ IsNumeric: true, NumericValue: 0 }] ? $"{v.Major}.{v.Minor}.{v.Patch}" : v.ToString();
    }

    private static string? FirstLine(string path) =>
        File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));

    private static string? EnginesNode(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("engines", out var engines)
                && engines.ValueKind == JsonValueKind.Object
                && engines.TryGetProperty("node", out var node) && node.ValueKind == JsonValueKind.String
                ? node.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null; // a broken package.json is the lockfile readers' to report
        }
    }
}
