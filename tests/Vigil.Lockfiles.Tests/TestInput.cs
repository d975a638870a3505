using System.Text;

namespace Vigil.Lockfiles.Tests;

/// <summary>Helpers to read inline lockfiles and to find the shared samples.</summary>
internal static class TestInput
{
    /// <summary>Reads <paramref name="content"/> as if it were <paramref name="fileName"/>; package.json comes from
    /// <paramref name="packageJson"/> only.</summary>
    public static Lockfile Read(string fileName, string content, string? packageJson = null,
        LockfileReadOptions? options = null) =>
        Read(fileName, new MemoryStream(Encoding.UTF8.GetBytes(content)), packageJson, options);

    public static Lockfile Read(string fileName, Stream content, string? packageJson = null,
        LockfileReadOptions? options = null) =>
        Read(fileName, content,
            packageJson is null ? [] : new Dictionary<string, string> { ["package.json"] = packageJson }, options);

    /// <summary>
    /// Reads with <paramref name="siblings"/> (relative path → content) as the only files beside the lockfile.
    /// </summary>
    public static Lockfile Read(string fileName, Stream content, IReadOnlyDictionary<string, string> siblings,
        LockfileReadOptions? options = null) =>
        InlineLockfile.Read(fileName, content, siblings, options);

    public static Lockfile Read(string fileName, string content, IReadOnlyDictionary<string, string> siblings) =>
        Read(fileName, new MemoryStream(Encoding.UTF8.GetBytes(content)), siblings);

    public static string[] DescribeSkipped(Lockfile lockfile) =>
        [.. lockfile.Skipped.Select(s => $"{s.Name} {s.Reference}")];

    public static LockfileException Fails(string fileName, string content, LockfileReadOptions? options = null) =>
        Assert.Throws<LockfileException>(() => Read(fileName, content, options: options));

    /// <summary>Compact "name@version dev optional [paths]" lines, so a failing assert shows the whole set.</summary>
    public static string[] Describe(Lockfile lockfile) =>
        [.. lockfile.Packages.Select(p =>
            $"{p.Name}@{p.Version}{(p.Dev ? " dev" : "")}{(p.Optional ? " optional" : "")} "
                + $"[{string.Join(", ", p.Paths)}]")];

    /// <summary>
    /// The shared samples live outside the repository (<c>&lt;ancestor&gt;/shared/specs/lockfiles</c>) and are
    /// never copied in; tests that need them skip when they are absent.
    /// </summary>
    public static string SamplesDirectory() => SharedData.Path("specs", "lockfiles");
}
