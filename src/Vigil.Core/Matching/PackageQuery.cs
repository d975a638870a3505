namespace Vigil.Core.Matching;

/// <summary>
/// One package to look up. <see cref="Ecosystem"/> null means any ecosystem (osv.dev allows a name + version
/// without one); <see cref="Versions"/> null means every advisory of the package, an empty list means none.
/// </summary>
public sealed record PackageQuery(string? Ecosystem, string Name, IReadOnlyList<string>? Versions);
