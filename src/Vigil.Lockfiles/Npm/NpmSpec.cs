namespace Vigil.Lockfiles.Npm;

/// <summary>String rules shared by the npm-family lockfiles (npm, yarn, pnpm).</summary>
internal static class NpmSpec
{
    /// <summary>
    /// Splits <c>name@rest</c> at the first '@' after a possible scope: <c>@scope/x@^1</c> → (<c>@scope/x</c>,
    /// <c>^1</c>),
    /// <c>ms-alias@npm:ms@2.0.0</c> → (<c>ms-alias</c>, <c>npm:ms@2.0.0</c>). Splitting at the last '@' would
    /// break aliases and git URLs (<c>git+ssh://git@host</c>).
    /// </summary>
    public static bool TrySplit(string descriptor, out string name, out string rest)
    {
        var at = descriptor.Length > 1 ? descriptor.IndexOf('@', 1) : -1;
        if (at <= 0)
        {
            (name, rest) = (descriptor, "");
            return false;
        }

        (name, rest) = (descriptor[..at], descriptor[(at + 1)..]);
        return true;
    }

    /// <summary><c>npm:ms@2.0.0</c> → (<c>ms</c>, <c>2.0.0</c>); the real package behind an alias.</summary>
    public static bool TryParseAlias(string spec, out string name, out string version)
    {
        (name, version) = ("", "");
        if (!spec.StartsWith("npm:", StringComparison.Ordinal))
        {
            return false;
        }

        TrySplit(spec[4..], out name, out version);
        return name.Length > 0;
    }

    /// <summary>
    /// A version as a registry publishes it (<c>1.2.8</c>, <c>1.0.0-beta.1+build</c>), as opposed to a
    /// git URL, tarball URL or <c>file:</c> path that lockfiles store in the same field.
    /// </summary>
    public static bool IsRegistryVersion(string version) =>
        version.Length > 0 && char.IsAsciiDigit(version[0]) && version.AsSpan().IndexOfAny(":/#\\ ") < 0;

    /// <summary>Registry tarballs are fetched over http(s); git, file: and relative paths are not registry
    /// installs.</summary>
    public static bool IsRegistryResolved(string? resolved) =>
        resolved is null
        || resolved.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || resolved.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>A semver range or dist-tag rather than a protocol (<c>git+…:</c>, <c>file:</c>) or <c>user/repo</c>
    /// shorthand.</summary>
    public static bool IsRegistryRange(string range) =>
        TryParseAlias(range, out _, out var aliased) ? IsRegistryRange(aliased) : range.AsSpan().IndexOfAny(":/") < 0;

    /// <summary><c>node_modules/a/node_modules/@s/b</c> → <c>a&gt;@s/b</c>: the install location as a chain.</summary>
    public static string LocationToPath(string location) =>
        string.Join('>', location.Split("node_modules/").Select(s => s.Trim('/')).Where(s => s.Length > 0));

    /// <summary>The folder name after the last <c>node_modules/</c> (keeps <c>@scope/x</c>).</summary>
    public static string NameFromLocation(string location)
    {
        var i = location.LastIndexOf("node_modules/", StringComparison.Ordinal);
        return i < 0 ? location : location[(i + "node_modules/".Length)..];
    }
}
