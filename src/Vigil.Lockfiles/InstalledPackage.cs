namespace Vigil.Lockfiles;

/// <summary>
/// One installed (name, version). Copies installed at several places collapse into one record.
/// </summary>
/// <param name="Name">The real registry name, never an alias.</param>
/// <param name="Dev">True when every install of it is reachable only through development dependencies.</param>
/// <param name="Optional">True when every install of it is reachable only through optional dependencies.</param>
/// <param name="Paths">
/// Dependency chains in npm audit style: names joined by '&gt;', a direct dependency is just its
/// name (e.g. <c>mkdirp&gt;minimist</c>). Shortest first, then ordinal; capped by
/// <see cref="LockfileReadOptions.MaxPathsPerPackage"/>.
/// </param>
public sealed record InstalledPackage(
    PackageEcosystem Ecosystem,
    string Name,
    string Version,
    bool Dev,
    bool Optional,
    IReadOnlyList<string> Paths);
