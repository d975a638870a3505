using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Npm.Internal;

namespace Vigil.Versioning.Npm;

/// <summary>
/// One <c>&lt;op&gt;&lt;version&gt;</c> test, or the match-all comparator (<see cref="IsAny"/>), as in
/// node-semver's <c>Comparator</c> class. Ranges are sets of these.
/// </summary>
public sealed partial class NpmComparator : IEquatable<NpmComparator>
{
    private NpmComparator(NpmComparatorOperator op, NpmVersion? version)
    {
        Operator = op;
        Version = version;
        Value = version is null ? string.Empty : OperatorText(op) + version.ToString();
    }

    /// <summary>The comparator that every version passes (node-semver's <c>ANY</c>, printed as empty).</summary>
    public static NpmComparator Any { get; } = new(NpmComparatorOperator.Equal, null);

    public NpmComparatorOperator Operator { get; }

    /// <summary>The bound, or null for <see cref="Any"/>.</summary>
    public NpmVersion? Version { get; }

    [MemberNotNullWhen(false, nameof(Version))]
    public bool IsAny => Version is null;

    /// <summary>node-semver's <c>comparator.value</c>, e.g. <c>&gt;=1.2.3-0</c>; empty for <see cref="Any"/>.</summary>
    public string Value { get; }

    /// <summary><c>&lt;0.0.0-0</c>: the comparator node-semver uses for "nothing matches".</summary>
    internal bool IsNullSet => Value == "<0.0.0-0";

    public override string ToString() => Value;

    public static NpmComparator Create(NpmComparatorOperator op, NpmVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new(op, version);
    }

    /// <summary>Parses like <c>new Comparator(value, options)</c>.</summary>
    public static NpmComparator Parse(string value, NpmSemverOptions options = default) =>
        TryParse(value, options, out var c) ? c : throw new FormatException($"Invalid comparator: {value}");

    public static bool TryParse(
        [NotNullWhen(true)] string? value, NpmSemverOptions options, [NotNullWhen(true)] out NpmComparator? comparator)
    {
        comparator = null;
        return value is not null && TryParseNormalized(JsText.TrimAndCollapse(value), options.Loose, out comparator);
    }

    /// <summary>
    /// COMPARATOR / COMPARATORLOOSE: <c>^GTLT\s?(FULLPLAIN|LOOSEPLAIN)$|^$</c>, then <c>new SemVer(m[2], loose)</c>.
    /// </summary>
    internal static bool TryParseNormalized(string comp, bool loose, [NotNullWhen(true)] out NpmComparator? comparator)
    {
        comparator = null;
        if (comp.Length == 0)
        {
            comparator = Any;
            return true;
        }

        if (!MatchesPattern(comp, loose, out int opLength, out int versionStart))
        {
            return false;
        }

        if (!NpmVersion.TryParse(comp[versionStart..], new NpmSemverOptions(Loose: loose), out var version))
        {
            return false;
        }

        comparator = new NpmComparator(ParseOperator(comp.AsSpan(0, opLength)), version);
        return true;
    }

    /// <summary>Whether <paramref name="comp"/> matches COMPARATOR(LOOSE) — the loose-mode filter in
    /// <c>parseRange</c>.</summary>
    internal static bool MatchesPattern(string comp, bool loose, out int opLength, out int versionStart)
    {
        versionStart = 0;
        if (comp.Length == 0)
        {
            opLength = 0;
            return true;
        }

        foreach (int length in NpmGrammar.OperatorLengths(comp, 0))
        {
            int v = NpmGrammar.At(comp, length) == ' ' ? length + 1 : length;
            var m = NpmGrammar.VersionPlain(comp, v, loose, NpmGrammar.EndTail);
            if (m.Success)
            {
                opLength = length;
                versionStart = v;
                return true;
            }
        }

        opLength = 0;
        return false;
    }

    private static NpmComparatorOperator ParseOperator(ReadOnlySpan<char> op) => op switch
    {
        ">" => NpmComparatorOperator.Greater,
        ">=" => NpmComparatorOperator.GreaterOrEqual,
        "<" => NpmComparatorOperator.Less,
        "<=" => NpmComparatorOperator.LessOrEqual,
        _ => NpmComparatorOperator.Equal,
    };

    internal static string OperatorText(NpmComparatorOperator op) => op switch
    {
        NpmComparatorOperator.Greater => ">",
        NpmComparatorOperator.GreaterOrEqual => ">=",
        NpmComparatorOperator.Less => "<",
        NpmComparatorOperator.LessOrEqual => "<=",
        _ => string.Empty,
    };

    /// <summary><c>comparator.test(version)</c>; allocation-free.</summary>
    public bool IsSatisfiedBy(NpmVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (Version is null)
        {
            return true;
        }

        int c = version.CompareTo(Version);
        return Operator switch
        {
            NpmComparatorOperator.Greater => c > 0,
            NpmComparatorOperator.GreaterOrEqual => c >= 0,
            NpmComparatorOperator.Less => c < 0,
            NpmComparatorOperator.LessOrEqual => c <= 0,
            _ => c == 0,
        };
    }

    public bool Equals(NpmComparator? other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is NpmComparator other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}
