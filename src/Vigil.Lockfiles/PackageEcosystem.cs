namespace Vigil.Lockfiles;

/// <summary>The package registry a lockfile entry was installed from.</summary>
public enum PackageEcosystem
{
    Npm,
    NuGet,
}

public static class PackageEcosystemExtensions
{
    /// <summary>The ecosystem name used by OSV records (<c>affected[].package.ecosystem</c>).</summary>
    public static string ToOsvName(this PackageEcosystem ecosystem) => ecosystem switch
    {
        PackageEcosystem.Npm => "npm",
        PackageEcosystem.NuGet => "NuGet",
        _ => throw new ArgumentOutOfRangeException(nameof(ecosystem), ecosystem, "unknown ecosystem"),
    };
}
