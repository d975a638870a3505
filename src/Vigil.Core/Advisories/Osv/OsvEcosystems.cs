namespace Vigil.Core.Advisories.Osv;

/// <summary>
/// The ecosystems osv.dev accepts in a query (ossf/osv-schema <c>ecosystems.json</c>); a query naming any
/// other is refused with <c>invalid ecosystem</c> (osv.dev <c>query_affected.go</c> <c>parseQuery</c>).
/// An ecosystem may carry a <c>:suffix</c> (e.g. <c>Debian:12</c>); values are case-sensitive.
/// </summary>
public static class OsvEcosystems
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "AlmaLinux", "Alpaquita", "Alpine", "Android", "Azure Linux", "BellSoft Hardened Containers", "Bioconductor",
        "Bitnami", "Chainguard", "CleanStart", "ConanCenter", "CRAN", "crates.io", "Debian", "Docker Hardened Images",
        "Echo", "FreeBSD", "GHC", "GitHub Actions", "Go", "Hackage", "Hex", "Julia", "Kubernetes", "Linux", "Mageia",
        "Maven", "MinimOS", "npm", "NuGet", "opam", "openEuler", "openSUSE", "OSS-Fuzz", "Packagist", "Photon OS",
        "Pub", "PyPI", "Red Hat", "Rocky Linux", "Root", "RubyGems", "SUSE", "SwiftURL", "TuxCare", "Ubuntu", "VSCode",
        "Wolfi",
        "GIT",
    };

    public static bool IsKnown(string ecosystem)
    {
        var colon = ecosystem.IndexOf(':', StringComparison.Ordinal);
        return Known.Contains(colon < 0 ? ecosystem : ecosystem[..colon]);
    }
}
