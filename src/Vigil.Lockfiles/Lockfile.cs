namespace Vigil.Lockfiles;

/// <summary>What a lockfile says is installed.</summary>
/// <param name="Format">The file kind and its format version, e.g. <c>package-lock.json v3</c>.</param>
/// <param name="Packages">Registry packages, sorted by name then version.</param>
public sealed record Lockfile(string FilePath, string Format, IReadOnlyList<InstalledPackage> Packages)
{
    /// <summary>
    /// Entries that are installed but not from a registry (git, tarball URLs, <c>file:</c>), so they
    /// have no registry version to audit. Links and workspaces are the project's own code and are not listed.
    /// </summary>
    public IReadOnlyList<SkippedPackage> Skipped { get; init; } = [];
}

/// <param name="Reference">Where it came from, as the lockfile records it (URL, git spec, path).</param>
/// <param name="Reason">Why it was not reported as a package.</param>
public sealed record SkippedPackage(string Name, string Reference, string Reason);
