using System.Globalization;
using System.Text;

namespace Vigil.Versioning.Npm;

/// <summary>
/// An npm version, parsed and ordered exactly like node-semver 7.8.5's <c>SemVer</c> class:
/// components up to <c>Number.MAX_SAFE_INTEGER</c>, prerelease identifiers numeric or text,
/// build metadata kept but ignored by <see cref="CompareTo(NpmVersion?)"/> and equality.
/// </summary>
public sealed partial class NpmVersion : IComparable<NpmVersion>, IEquatable<NpmVersion>
{
    private static readonly NpmPrereleaseIdentifier[] NoPrerelease = [];
    private readonly NpmPrereleaseIdentifier[] _prerelease;
    private readonly string[] _build;
    private string? _normalized;

    /// <summary>Creates a version; components must be within 0..<c>Number.MAX_SAFE_INTEGER</c>.</summary>
    public NpmVersion(
        long major,
        long minor,
        long patch,
        IEnumerable<NpmPrereleaseIdentifier>? prerelease = null,
        IEnumerable<string>? build = null)
        : this(major, minor, patch, prerelease?.ToArray() ?? NoPrerelease, build?.ToArray() ?? [])
    {
        foreach (var component in (ReadOnlySpan<long>)[major, minor, patch])
        {
            ArgumentOutOfRangeException.ThrowIfNegative(component);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(component, Internal.NpmGrammar.MaxSafeInteger);
        }
    }

    internal NpmVersion(long major, long minor, long patch, NpmPrereleaseIdentifier[] prerelease, string[] build)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        _prerelease = prerelease.Length == 0 ? NoPrerelease : prerelease;
        _build = build;
    }

    public long Major { get; }

    public long Minor { get; }

    public long Patch { get; }

    public IReadOnlyList<NpmPrereleaseIdentifier> Prerelease => _prerelease;

    public IReadOnlyList<string> Build => _build;

    public bool IsPrerelease => _prerelease.Length > 0;

    internal ReadOnlySpan<NpmPrereleaseIdentifier> PrereleaseSpan => _prerelease;

    /// <summary>node-semver's <c>version.version</c>: <c>major.minor.patch[-prerelease]</c>, no build.</summary>
    public override string ToString() => _normalized ??= Format();

    /// <summary>The normalized version followed by <c>+build</c> when there is build metadata.</summary>
    public string ToFullString() => _build.Length == 0 ? ToString() : ToString() + "+" + string.Join('.', _build);

    private string Format()
    {
        var sb = new StringBuilder();
        sb.Append(Major.ToString(CultureInfo.InvariantCulture)).Append('.')
          .Append(Minor.ToString(CultureInfo.InvariantCulture)).Append('.')
          .Append(Patch.ToString(CultureInfo.InvariantCulture));
        for (int i = 0; i < _prerelease.Length; i++)
        {
            sb.Append(i == 0 ? '-' : '.').Append(_prerelease[i].ToString());
        }

        return sb.ToString();
    }

    /// <summary>node-semver <c>compare</c>: main triple, then prerelease (a release sorts after its
    /// prereleases).</summary>
    public int CompareTo(NpmVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        int main = CompareMain(other);
        return main != 0 ? main : ComparePrerelease(other);
    }

    /// <summary>node-semver <c>compareBuild</c>: <see cref="CompareTo(NpmVersion?)"/>, then build identifiers (used by
    /// <c>semver.sort</c>).</summary>
    public int CompareToWithBuild(NpmVersion other)
    {
        ArgumentNullException.ThrowIfNull(other);
        int c = CompareTo(other);
        if (c != 0)
        {
            return c;
        }

        for (int i = 0; ; i++)
        {
            if (i >= _build.Length || i >= other._build.Length)
            {
                return _build.Length == other._build.Length ? 0 : i < _build.Length ? 1 : -1;
            }

            if (!string.Equals(_build[i], other._build[i], StringComparison.Ordinal))
            {
                return NpmPrereleaseIdentifier.FromText(_build[i])
                    .CompareTo(NpmPrereleaseIdentifier.FromText(other._build[i]));
            }
        }
    }

    internal int CompareMain(NpmVersion other)
    {
        if (Major != other.Major)
        {
            return Major < other.Major ? -1 : 1;
        }

        if (Minor != other.Minor)
        {
            return Minor < other.Minor ? -1 : 1;
        }

        return Patch == other.Patch ? 0 : Patch < other.Patch ? -1 : 1;
    }

    private int ComparePrerelease(NpmVersion other)
    {
        var a = _prerelease;
        var b = other._prerelease;
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 0 : a.Length == 0 ? 1 : -1;
        }

        for (int i = 0; ; i++)
        {
            if (i >= a.Length || i >= b.Length)
            {
                return a.Length == b.Length ? 0 : i < a.Length ? 1 : -1;
            }

            // comparePre: identical values continue; the first other pair decides, even if it ties.
            if (!a[i].StrictEquals(b[i]))
            {
                return a[i].CompareTo(b[i]);
            }
        }
    }

    internal bool HasSameMain(NpmVersion other) => Major == other.Major && Minor == other.Minor && Patch == other.Patch;

    public bool Equals(NpmVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is NpmVersion other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, _prerelease.Length);

    public static bool operator ==(NpmVersion? left, NpmVersion? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(NpmVersion? left, NpmVersion? right) => !(left == right);

    public static bool operator <(NpmVersion left, NpmVersion right) => Compare(left, right) < 0;

    public static bool operator >(NpmVersion left, NpmVersion right) => Compare(left, right) > 0;

    public static bool operator <=(NpmVersion left, NpmVersion right) => Compare(left, right) <= 0;

    public static bool operator >=(NpmVersion left, NpmVersion right) => Compare(left, right) >= 0;

    private static int Compare(NpmVersion left, NpmVersion right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.CompareTo(right);
    }
}
