namespace Vigil.Versioning.Npm;

/// <summary>The <c>release</c> argument of node-semver's <c>inc</c> / <c>truncate</c>.</summary>
public enum NpmReleaseType
{
    Major,
    Minor,
    Patch,
    PreMajor,
    PreMinor,
    PrePatch,
    PreRelease,

    /// <summary><c>release</c>: drop the prerelease of a prerelease version (<c>inc</c> only).</summary>
    Release,

    /// <summary><c>pre</c>: bump the prerelease only (<c>inc</c> only; "probably shouldn't be used
    /// publicly").</summary>
    Pre,
}

/// <summary>node-semver's <c>identifierBase</c>: <c>'0'</c> (default), <c>'1'</c>, or <c>false</c> for no
/// number.</summary>
public enum NpmIdentifierBase
{
    Zero,
    One,

    /// <summary><c>identifierBase: false</c>: <c>1.2.3 prerelease alpha</c> → <c>1.2.4-alpha</c>.</summary>
    None,
}

internal static class NpmReleaseTypeNames
{
    public static bool TryParse(string? name, out NpmReleaseType release)
    {
        (bool ok, release) = name switch
        {
            "major" => (true, NpmReleaseType.Major),
            "minor" => (true, NpmReleaseType.Minor),
            "patch" => (true, NpmReleaseType.Patch),
            "premajor" => (true, NpmReleaseType.PreMajor),
            "preminor" => (true, NpmReleaseType.PreMinor),
            "prepatch" => (true, NpmReleaseType.PrePatch),
            "prerelease" => (true, NpmReleaseType.PreRelease),
            "release" => (true, NpmReleaseType.Release),
            "pre" => (true, NpmReleaseType.Pre),
            _ => (false, default),
        };
        return ok;
    }

    public static bool IsPre(NpmReleaseType release) => release is NpmReleaseType.PreMajor or NpmReleaseType.PreMinor
        or NpmReleaseType.PrePatch or NpmReleaseType.PreRelease or NpmReleaseType.Pre;
}
