namespace Vigil.Versioning.Npm;

/// <summary>
/// node-semver 7.8.5's string-level functions. Like node-semver they never throw on bad input where
/// node-semver returns false/null (<c>satisfies</c>, <c>validRange</c>, <c>valid</c>, <c>inc</c>).
/// </summary>
public static class NpmSemver
{
    /// <summary><c>semver.satisfies(version, range, options)</c>; false when either side is unparsable. Ranges are
    /// cached.</summary>
    public static bool Satisfies(string? version, string? range, NpmSemverOptions options = default) =>
        NpmRange.TryParseCached(range, options, out var r) && r.IsSatisfiedBy(version);

    /// <summary><c>semver.validRange(range, options)</c>: the canonical range, <c>*</c> for match-all, null if
    /// invalid.</summary>
    public static string? ValidRange(string? range, NpmSemverOptions options = default) =>
        NpmRange.TryParse(range, options, out var r) ? (r.ToString() is { Length: > 0 } s ? s : "*") : null;

    /// <summary><c>semver.valid(version, options)</c>: the normalized version or null.</summary>
    public static string? Valid(string? version, NpmSemverOptions options = default) =>
        NpmVersion.TryParse(version, options, out var v) ? v.ToString() : null;

    /// <summary><c>semver.compare(a, b, options)</c>: -1, 0 or 1. Throws <see cref="FormatException"/> on invalid
    /// versions.</summary>
    public static int Compare(string a, string b, NpmSemverOptions options = default) =>
        NpmVersion.Parse(a, options).CompareTo(NpmVersion.Parse(b, options));

    /// <summary><c>semver.intersects(r1, r2, options)</c>. Throws <see cref="FormatException"/> on invalid
    /// ranges.</summary>
    public static bool Intersects(string range1, string range2, NpmSemverOptions options = default) =>
        NpmRange.Parse(range1, options).Intersects(NpmRange.Parse(range2, options), options);

    /// <summary><c>semver.gtr(version, range, options)</c>. Throws <see cref="FormatException"/> on invalid
    /// input.</summary>
    public static bool Gtr(string version, string range, NpmSemverOptions options = default) =>
        NpmRange.Parse(range, options).IsAbove(NpmVersion.Parse(version, options));

    /// <summary><c>semver.ltr(version, range, options)</c>. Throws <see cref="FormatException"/> on invalid
    /// input.</summary>
    public static bool Ltr(string version, string range, NpmSemverOptions options = default) =>
        NpmRange.Parse(range, options).IsBelow(NpmVersion.Parse(version, options));

    /// <summary><c>semver.inc(version, release, options, identifier, identifierBase)</c>; null where it returns
    /// null.</summary>
    public static string? Increment(string? version, string? release, NpmSemverOptions options = default,
        string? identifier = null, NpmIdentifierBase identifierBase = NpmIdentifierBase.Zero) =>
        NpmVersion.TryParse(version, options, out var v)
        && NpmReleaseTypeNames.TryParse(release, out var type)
        && v.TryIncrement(type, identifier, identifierBase, options, out var result)
            ? result.ToString()
            : null;

    /// <summary><c>semver.truncate(version, release, options)</c>; null for an invalid version or release.</summary>
    public static string? Truncate(string? version, string? release, NpmSemverOptions options = default) =>
        NpmVersion.TryParse(version, options, out var v)
        && NpmReleaseTypeNames.TryParse(release, out var type)
        && type is not (NpmReleaseType.Release or NpmReleaseType.Pre)
            ? v.Truncate(type).ToString()
            : null;
}
