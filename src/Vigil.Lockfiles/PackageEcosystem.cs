namespace Vigil.Lockfiles;

/// <summary>The package registry a lockfile entry was installed from.</summary>
public enum PackageEcosystem
{
    Npm,
    NuGet,

    /// <summary>The Node.js runtime itself (not a registry package); OSV names it <c>Bitnami</c>/<c>node</c>
    /// (docs/api.md).</summary>
    NodeRuntime,
}

public static class PackageEcosystemExtensions
{
    /// <summary>The ecosystem name used by OSV records (<c>affected[].package.ecosystem</c>).</summary>
    public static string ToOsvName(this PackageEcosystem ecosystem) => ecosystem switch
    {
        PackageEcosystem.Npm => "npm",
        PackageEcosystem.NuGet => "NuGet",
        PackageEcosystem.NodeRuntime => "Bitnami",
        _ => throw new ArgumentOutOfRangeException(nameof(ecosystem), ecosystem, "unknown ecosystem"),
    };
}
