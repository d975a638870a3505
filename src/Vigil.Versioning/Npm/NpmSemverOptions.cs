namespace Vigil.Versioning.Npm;

/// <summary>
/// node-semver's options object. <see cref="Loose"/> only affects parsing; <see cref="IncludePrerelease"/>
/// only affects ranges (prereleases match any range whose bounds admit them).
/// </summary>
/// <param name="Loose">Accept sloppy input such as <c>=1.2.3</c>, <c>1.2.3beta</c>, <c>01.2.3</c>.</param>
/// <param name="IncludePrerelease">Let prereleases satisfy ranges without a same-tuple prerelease bound.</param>
public readonly record struct NpmSemverOptions(bool Loose = false, bool IncludePrerelease = false)
{
    /// <summary>node-semver's defaults (<c>{}</c>).</summary>
    public static NpmSemverOptions Default => default;

    /// <summary>
    /// <c>{loose: true, includePrerelease: true}</c>: what npm audit passes to <c>semver.satisfies</c>
    /// (@npmcli/metavuln-calculator <c>lib/advisory.js</c>); pnpm and yarn berry match it.
    /// </summary>
    public static NpmSemverOptions NpmAudit => new(Loose: true, IncludePrerelease: true);
}
