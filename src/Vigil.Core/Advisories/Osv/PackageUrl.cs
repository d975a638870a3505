using System.Diagnostics.CodeAnalysis;

namespace Vigil.Core.Advisories.Osv;

/// <summary>
/// The part of a package URL (https://github.com/package-url/purl-spec) an OSV query needs:
/// <c>pkg:type/namespace/name@version?qualifiers#subpath</c> → OSV ecosystem, package name, version.
/// </summary>
public sealed record PackageUrl(string Ecosystem, string Name, string? Version)
{
    // purl type → OSV ecosystem, as osv.dev maps them (osv/purl_helpers.py).
    private static readonly Dictionary<string, string> Ecosystems = new(StringComparer.OrdinalIgnoreCase)
    {
        ["npm"] = "npm",
        ["nuget"] = "NuGet",
        ["pypi"] = "PyPI",
        ["maven"] = "Maven",
        ["golang"] = "Go",
        ["cargo"] = "crates.io",
        ["gem"] = "RubyGems",
        ["composer"] = "Packagist",
        ["hex"] = "Hex",
        ["pub"] = "Pub",
        ["hackage"] = "Hackage",
        ["cran"] = "CRAN",
        ["swift"] = "SwiftURL",
        ["github"] = "GitHub Actions",
        ["conan"] = "ConanCenter",
        ["bitnami"] = "Bitnami",
    };

    // OSV ecosystem → purl type, for the purl written into affected[].package (osv.dev's purl_helpers list).
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["npm"] = "npm",
        ["NuGet"] = "nuget",
        ["PyPI"] = "pypi",
        ["Maven"] = "maven",
        ["Go"] = "golang",
        ["crates.io"] = "cargo",
        ["RubyGems"] = "gem",
        ["Packagist"] = "composer",
        ["Hex"] = "hex",
        ["Pub"] = "pub",
        ["Hackage"] = "hackage",
        ["CRAN"] = "cran",
        ["Bitnami"] = "bitnami",
    };

    /// <summary>
    /// The purl of a package, without version (<c>pkg:npm/%40scope/name</c>, <c>pkg:nuget/Newtonsoft.Json</c>);
    /// null for an ecosystem without a purl type here. Each <c>/</c>-separated part of the name is
    /// percent-encoded as JavaScript's <c>encodeURIComponent</c> does (purl spec: the <c>@</c> of an npm scope is
    /// <c>%40</c>), Maven's <c>group:artifact</c> becomes <c>group/artifact</c>, and case is kept: osv.dev writes
    /// purls this way and OSV clients such as osv-offline compare them as strings.
    /// </summary>
    public static string? For(string ecosystem, string name)
    {
        if (!Types.TryGetValue(ecosystem, out var type))
        {
            return null;
        }
        var path = type == "maven" ? name.Replace(':', '/') : name;
        return $"pkg:{type}/" + string.Join('/', path.Split('/').Select(EncodeComponent));
    }

    private static string EncodeComponent(string part)
    {
        var encoded = new System.Text.StringBuilder(part.Length);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(part))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '!' or '~' or '*' or '\'' or '(' or ')')
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }

    /// <summary>
    /// False when the text is not a purl; <paramref name="url"/> is null (with true) for a purl of a type OSV does not
    /// know.
    /// </summary>
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
