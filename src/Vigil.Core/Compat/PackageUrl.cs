using System.Diagnostics.CodeAnalysis;

namespace Vigil.Core.Compat;

/// <summary>
/// The part of a package URL (https://github.com/package-url/purl-spec) an OSV query needs:
/// <c>pkg:type/namespace/name@version?qualifiers#subpath</c> → OSV ecosystem, package name, version.
/// </summary>
public sealed record PackageUrl(string Ecosystem, string Name, string? Version)
{
    // purl type → OSV ecosystem, as osv.dev maps them (osv/purl_helpers.py).
    private static readonly Dictionary<string, string> Ecosystems = new(StringComparer.OrdinalIgnoreCase)
    {
        ["npm"] = "npm", ["nuget"] = "NuGet", ["pypi"] = "PyPI", ["maven"] = "Maven", ["golang"] = "Go",
        ["cargo"] = "crates.io", ["gem"] = "RubyGems", ["composer"] = "Packagist", ["hex"] = "Hex",
        ["pub"] = "Pub", ["hackage"] = "Hackage", ["cran"] = "CRAN", ["swift"] = "SwiftURL",
        ["github"] = "GitHub Actions", ["conan"] = "ConanCenter",
    };

    /// <summary>False when the text is not a purl; <paramref name="url"/> is null (with true) for a purl of a type OSV does not know.</summary>
    public static bool TryParse(string text, out PackageUrl? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        error = null;
        if (!text.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase))
        {
            error = "invalid PURL";
            return false;
        }
        var rest = text[4..].TrimStart('/');
        var cut = rest.IndexOfAny(['?', '#']);
        if (cut >= 0)
        {
            rest = rest[..cut];
        }
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == rest.Length - 1)
        {
            error = "invalid PURL";
            return false;
        }
        var type = rest[..slash];
        var path = rest[(slash + 1)..];
        string? version = null;
        var at = path.LastIndexOf('@');
        if (at > 0)
        {
            version = Uri.UnescapeDataString(path[(at + 1)..]);
            path = path[..at];
        }
        if (!Ecosystems.TryGetValue(type, out var ecosystem))
        {
            return true; // osv.dev answers an unknown purl type with an empty result, not an error
        }
        var segments = path.Split('/').Select(Uri.UnescapeDataString).ToArray();
        // Maven names are group:artifact in OSV; every other ecosystem keeps the namespace with '/'.
        var name = ecosystem == "Maven" ? string.Join(':', segments) : string.Join('/', segments);
        url = new PackageUrl(ecosystem, name, string.IsNullOrEmpty(version) ? null : version);
        return true;
    }
}
