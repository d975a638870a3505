using System.Globalization;

namespace Vigil.Versioning.Npm;

/// <summary>
/// One dot-separated prerelease identifier. Like node-semver, an all-digit identifier below
/// <c>Number.MAX_SAFE_INTEGER</c> is numeric (<c>01</c> in loose mode becomes <c>1</c>); anything else,
/// including larger all-digit strings, stays text.
/// </summary>
public readonly struct NpmPrereleaseIdentifier : IEquatable<NpmPrereleaseIdentifier>,
    IComparable<NpmPrereleaseIdentifier>
{
    private readonly string? _text;
    private readonly long _number;
    private readonly bool _allDigits;

    private NpmPrereleaseIdentifier(string? text, long number, bool allDigits)
    {
        _text = text;
        _number = number;
        _allDigits = allDigits;
    }

    /// <summary>True when the identifier is a number (compared numerically).</summary>
    public bool IsNumeric => _text is null;

    /// <summary>The numeric value; 0 for text identifiers.</summary>
    public long NumericValue => _text is null ? _number : 0;

    /// <summary>The identifier as node-semver prints it.</summary>
    public override string ToString() => _text ?? _number.ToString(CultureInfo.InvariantCulture);

    public static NpmPrereleaseIdentifier FromNumber(long value) => new(null, value, true);

    /// <summary>Classifies text the way <c>new SemVer()</c> maps <c>m[4].split('.')</c>.</summary>
    public static NpmPrereleaseIdentifier FromText(ReadOnlySpan<char> text)
    {
        bool allDigits = text.Length > 0 && !text.ContainsAnyExceptInRange('0', '9');
        if (allDigits)
        {
            var digits = text.TrimStart('0');
            if (digits.Length <= 16
                && (digits.Length == 0
                    || long.Parse(digits, CultureInfo.InvariantCulture) < Internal.NpmGrammar.MaxSafeInteger))
            {
                return new(null, digits.Length == 0 ? 0 : long.Parse(digits, CultureInfo.InvariantCulture), true);
            }
        }

        return new(text.ToString(), 0, allDigits);
    }

    /// <summary>JS <c>===</c> on the stored values: both numbers and equal, or both strings and equal.</summary>
    internal bool StrictEquals(NpmPrereleaseIdentifier other) =>
        _text is null
            ? other._text is null && _number == other._number
            : string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <summary>
    /// node-semver <c>compareIdentifiers</c>: numbers (and all-digit strings, as JS doubles) sort
    /// numerically and before text; text compares by UTF-16 code units.
    /// </summary>
    public int CompareTo(NpmPrereleaseIdentifier other)
    {
        if (_text is null && other._text is null)
        {
            return _number.CompareTo(other._number) switch { < 0 => -1, > 0 => 1, _ => 0 };
        }

        if (_allDigits && other._allDigits)
        {
            double a = AsDouble(), b = other.AsDouble();
            return a == b ? 0 : a < b ? -1 : 1;
        }

        if (_allDigits != other._allDigits)
        {
            return _allDigits ? -1 : 1;
        }

        int c = string.CompareOrdinal(_text, other._text);
        return c == 0 ? 0 : c < 0 ? -1 : 1;
    }

    private double AsDouble() => _text is null ? _number : double.Parse(_text, CultureInfo.InvariantCulture);

    public bool Equals(NpmPrereleaseIdentifier other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is NpmPrereleaseIdentifier other && Equals(other);

    public override int GetHashCode() => _allDigits ? 1 : StringComparer.Ordinal.GetHashCode(_text!);

    public static bool operator ==(NpmPrereleaseIdentifier left, NpmPrereleaseIdentifier right) => left.Equals(right);

    public static bool operator !=(NpmPrereleaseIdentifier left, NpmPrereleaseIdentifier right) => !left.Equals(right);

    public static bool operator <(NpmPrereleaseIdentifier left, NpmPrereleaseIdentifier right) =>
        left.CompareTo(right) < 0;

    public static bool operator >(NpmPrereleaseIdentifier left, NpmPrereleaseIdentifier right) =>
        left.CompareTo(right) > 0;

    public static bool operator <=(NpmPrereleaseIdentifier left, NpmPrereleaseIdentifier right) =>
        left.CompareTo(right) <= 0;

    public static bool operator >=(NpmPrereleaseIdentifier left, NpmPrereleaseIdentifier right) =>
        left.CompareTo(right) >= 0;
}
