using System.Globalization;

namespace Vigil.Core.Imports.NodejsWg;

/// <summary>
/// A SemVer 2.0.0 version as node-semver reads one (optional leading <c>v</c>/<c>=</c>, build metadata
/// ignored), ordered by SemVer §11 precedence. Just enough to turn WG ranges into OSV events.
/// TEMP: Vigil.Versioning's NpmVersion replaces this once Vigil.Core references that project again.
/// </summary>
internal sealed class SemverVersion : IComparable<SemverVersion>
{
    /// <summary>node-semver refuses components above <c>Number.MAX_SAFE_INTEGER</c>.</summary>
    private const ulong MaxComponent = (1UL << 53) - 1;

    public SemverVersion(ulong major, ulong minor, ulong patch, IReadOnlyList<string>? prerelease = null)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease ?? [];
    }

    public ulong Major { get; }
    public ulong Minor { get; }
    public ulong Patch { get; }
    public IReadOnlyList<string> Prerelease { get; }

    /// <summary>The smallest version greater than this one: <c>1.2.4-0</c> after <c>1.2.3</c>, <c>1.2.3-a.0</c> after <c>1.2.3-a</c>.</summary>
    public SemverVersion Next() => Prerelease.Count == 0
        ? new SemverVersion(Major, Minor, Patch + 1, ["0"])
        : new SemverVersion(Major, Minor, Patch, [.. Prerelease, "0"]);

    public static bool TryParseComponent(string text, out ulong value) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
        && value <= MaxComponent
        && (text == "0" || text[0] != '0');

    public int CompareTo(SemverVersion? other)
    {
        if (other is null)
        {
            return 1;
        }
        var main = Major.CompareTo(other.Major);
        main = main != 0 ? main : Minor.CompareTo(other.Minor);
        main = main != 0 ? main : Patch.CompareTo(other.Patch);
        if (main != 0)
        {
            return main;
        }
        // §11.3: a version without pre-release identifiers has higher precedence.
        if (Prerelease.Count == 0 || other.Prerelease.Count == 0)
        {
            return (Prerelease.Count == 0 ? 1 : 0) - (other.Prerelease.Count == 0 ? 1 : 0);
        }
        for (var i = 0; i < Math.Min(Prerelease.Count, other.Prerelease.Count); i++)
        {
            var c = CompareIdentifier(Prerelease[i], other.Prerelease[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return Prerelease.Count.CompareTo(other.Prerelease.Count);
    }

    /// <summary>§11.4: numeric identifiers compare numerically and sort before alphanumeric ones, which compare in ASCII order.</summary>
    private static int CompareIdentifier(string a, string b)
    {
        var aNumeric = a.All(char.IsAsciiDigit);
        var bNumeric = b.All(char.IsAsciiDigit);
        if (aNumeric && bNumeric)
        {
            return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
        }
        return aNumeric ? -1 : bNumeric ? 1 : string.CompareOrdinal(a, b);
    }

    public override string ToString() => Prerelease.Count == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}")
        : string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}-{string.Join('.', Prerelease)}");
}
