using Vigil.Lockfiles.Npm;

namespace Vigil.Lockfiles.Pnpm;

/// <summary>
/// How a pnpm lockfile version spells package keys and the version references that point at them:
/// <list type="table">
/// <item>5.x (pnpm 7): <c>/name/1.0.0</c>, peers as <c>_react@18.2.0</c>;</item>
/// <item>6.0 (pnpm 8): <c>/name@1.0.0</c>, peers as <c>(react@18.2.0)</c>;</item>
/// <item>9.0 (pnpm 9–11): <c>name@1.0.0(react@18.2.0)</c>, graph in <c>snapshots</c>.</item>
/// </list>
/// Non-registry packages use other keys (<c>github.com/…</c>, <c>name@file:…</c>, <c>name@https://…</c>).
/// </summary>
internal sealed record PnpmDialect(int Major)
{
    public static PnpmDialect? FromLockfileVersion(string version)
    {
        var major = version.Split('.')[0];
        return major switch
        {
            "5" => new PnpmDialect(5),
            "6" => new PnpmDialect(6),
            "9" => new PnpmDialect(9),
            _ => null,
        };
    }

    /// <summary>The package key a dependency <c>name: reference</c> points at; null for <c>link:</c> (workspace)
    /// references.</summary>
    public string? KeyFor(string name, string reference)
    {
        if (reference.StartsWith("link:", StringComparison.Ordinal))
        {
            return null;
        }

        if (Major == 9)
        {
            // "ms@2.0.0" (an alias) already is a key; "18.2.0(react@18.2.0)" is a version of `name`.
            var core = reference.Split('(')[0];
            return core.Length > 1 && core.IndexOf('@', 1) > 0 ? reference : $"{name}@{reference}";
        }

        if (reference.StartsWith('/') || !char.IsAsciiDigit(reference.FirstOrDefault()))
        {
            return reference;
        }

        return Major == 5 ? $"/{name}/{reference}" : $"/{name}@{reference}";
    }

    /// <summary>Name and version (peer suffix removed) of a package key.</summary>
    public PnpmKeyKind ParseKey(string key, out string name, out string version)
    {
        (name, version) = ("", "");
        var core = key;
        if (Major != 9)
        {
            if (!key.StartsWith('/'))
            {
                return PnpmKeyKind.NotRegistry;
            }

            core = key[1..];
        }

        if (Major == 5)
        {
            // "/@scope/name/1.0.0_peer@1" → name has one segment, two when scoped.
            var segments = core.Split('/');
            var nameSegments = core.StartsWith('@') ? 2 : 1;
            if (segments.Length <= nameSegments)
            {
                return PnpmKeyKind.Malformed;
            }

            name = string.Join('/', segments[..nameSegments]);
            version = string.Join('/', segments[nameSegments..]).Split('_', '(')[0];
        }
        else if (!NpmSpec.TrySplit(core.Split('(')[0], out name, out version) || version.Length == 0)
        {
            return PnpmKeyKind.Malformed;
        }

        return NpmSpec.IsRegistryVersion(version) ? PnpmKeyKind.Registry : PnpmKeyKind.NotRegistry;
    }
}

internal enum PnpmKeyKind
{
    Registry,
    NotRegistry,
    Malformed,
}
