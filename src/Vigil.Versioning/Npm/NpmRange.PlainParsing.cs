using System.Diagnostics.CodeAnalysis;

namespace Vigil.Versioning.Npm;

public sealed partial class NpmRange
{
    /// <summary>Up to 9 digits: always within <c>MAX_SAFE_INTEGER</c>, so no overflow check is needed.</summary>
    private const int MaxPlainDigits = 9;

    /// <summary>
    /// The form nearly every advisory range has: comparators of plain <c>major.minor.patch</c> versions
    /// (<c>&gt;=1.2.0 &lt;1.4.7 || &gt;=2.0.0 &lt;2.1.3</c>), read in one pass. node-semver leaves such a
    /// comparator as it is (no X, tilde, caret, hyphen or prerelease to desugar), so the result is the
    /// general parser's; anything else, and <c>&gt;=0.0.0</c> (which desugars to <c>*</c> without
    /// includePrerelease), returns false and takes the general path. Why: the general parser follows
    /// node-semver's chain of rewrites and allocates at each step, which made parsing an audit's few
    /// thousand ranges cost more than matching with them (docs/performance.md, benchmark b).
    /// </summary>
    internal static bool TryParsePlain(string value, NpmSemverOptions options, [NotNullWhen(true)] out NpmRange? range)
    {
        range = null;
        var sets = new List<NpmComparator[]>(1);
        var set = new List<NpmComparator>(2);
        var i = SkipSpaces(value, 0);
        while (true)
        {
            if (!TryPlainComparator(value, ref i, out var comparator))
            {
                return false;
            }
            if (!set.Contains(comparator))
            {
                set.Add(comparator);
            }
            var afterComparator = i;
            i = SkipSpaces(value, i);
            if (i == value.Length)
            {
                sets.Add([.. set]);
                break;
            }
            if (value[i] == '|')
            {
                if (i + 1 >= value.Length || value[i + 1] != '|')
                {
                    return false;
                }
                sets.Add([.. set]);
                set.Clear();
                i = SkipSpaces(value, i + 2);
            }
            else if (i == afterComparator)
            {
                return false; // two comparators need a space between them
            }
        }
        range = new NpmRange(Simplify(sets), options);
        return true;
    }

    private static int SkipSpaces(string value, int i)
    {
        while (i < value.Length && value[i] == ' ')
        {
            i++;
        }
        return i;
    }

    private static bool TryPlainComparator(string value, ref int i, out NpmComparator comparator)
    {
        comparator = null!;
        var op = NpmComparatorOperator.Equal;
        if (i < value.Length && value[i] is '<' or '>')
        {
            var greater = value[i] == '>';
            i++;
            var orEqual = i < value.Length && value[i] == '=';
            if (orEqual)
            {
                i++;
            }
            op = (greater, orEqual) switch
            {
                (true, true) => NpmComparatorOperator.GreaterOrEqual,
                (true, false) => NpmComparatorOperator.Greater,
                (false, true) => NpmComparatorOperator.LessOrEqual,
                _ => NpmComparatorOperator.Less,
            };
        }
        else if (i < value.Length && value[i] == '=')
        {
            i++;
        }
        if (!TryPlainNumber(value, ref i, out var major) || !TryDot(value, ref i)
            || !TryPlainNumber(value, ref i, out var minor) || !TryDot(value, ref i)
            || !TryPlainNumber(value, ref i, out var patch)
            || i < value.Length && value[i] is not (' ' or '|'))
        {
            return false;
        }
        if (op == NpmComparatorOperator.GreaterOrEqual && major == 0 && minor == 0 && patch == 0)
        {
            return false;
        }
        comparator = NpmComparator.Create(op, new NpmVersion(major, minor, patch, [], []));
        return true;
    }

    private static bool TryDot(string value, ref int i)
    {
        if (i < value.Length && value[i] == '.')
        {
            i++;
            return true;
        }
        return false;
    }

    /// <summary><c>0</c> or a number without leading zeros (loose mode reads those differently in places).</summary>
    private static bool TryPlainNumber(string value, ref int i, out long number)
    {
        number = 0;
        var start = i;
        while (i < value.Length && char.IsAsciiDigit(value[i]) && i - start < MaxPlainDigits + 1)
        {
            number = number * 10 + (value[i] - '0');
            i++;
        }
        var digits = i - start;
        return digits is > 0 and <= MaxPlainDigits && (digits == 1 || value[start] != '0');
    }
}
