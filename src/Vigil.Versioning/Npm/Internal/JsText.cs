using System.Globalization;
using System.Text;

namespace Vigil.Versioning.Npm.Internal;

/// <summary>
/// The few JavaScript string semantics node-semver relies on: <c>String.prototype.trim</c>,
/// the regex class <c>\s</c>, <c>split(/\s+/)</c>, <c>Number(x)</c> and number-to-string.
/// .NET's <see cref="char.IsWhiteSpace(char)"/> differs (it has U+0085, lacks U+FEFF), hence our own.
/// </summary>
internal static class JsText
{
    /// <summary>ECMA-262 WhiteSpace + LineTerminator, i.e. what <c>\s</c> and <c>trim()</c> match.</summary>
    public static bool IsWhitespace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u1680' or '\u2028' or '\u2029'
            or '\u202F' or '\u205F' or '\u3000' or '\uFEFF' => true,
        >= '\u2000' and <= '\u200A' => true,
        _ => false,
    };

    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsWhitespace(s[start]))
        {
            start++;
        }

        while (end > start && IsWhitespace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    public static string Trim(string s)
    {
        var t = Trim(s.AsSpan());
        return t.Length == s.Length ? s : t.ToString();
    }

    /// <summary><c>s.trim().replace(/\s+/g, ' ')</c> — what <c>new Range()</c> does to its input first.</summary>
    public static string TrimAndCollapse(string s)
    {
        var t = Trim(s.AsSpan());
        bool clean = true;
        for (int i = 0; i < t.Length && clean; i++)
        {
            if (IsWhitespace(t[i]) && (t[i] != ' ' || (i + 1 < t.Length && IsWhitespace(t[i + 1]))))
            {
                clean = false;
            }
        }

        if (clean)
        {
            return t.Length == s.Length ? s : t.ToString();
        }

        var sb = new StringBuilder(t.Length);
        for (int i = 0; i < t.Length; i++)
        {
            if (!IsWhitespace(t[i]))
            {
                sb.Append(t[i]);
                continue;
            }

            sb.Append(' ');
            while (i + 1 < t.Length && IsWhitespace(t[i + 1]))
            {
                i++;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// <c>s.split(/\s+/)</c> for strings whose only whitespace is U+0020 (true after
    /// <see cref="TrimAndCollapse"/>): keeps the empty first/last item JS yields for a leading/trailing space.
    /// </summary>
    public static List<string> SplitOnSpaces(string s)
    {
        var result = new List<string>();
        int i = 0;
        while (true)
        {
            int j = s.IndexOf(' ', i);
            if (j < 0)
            {
                result.Add(s[i..]);
                return result;
            }

            result.Add(s[i..j]);
            while (j < s.Length && s[j] == ' ')
            {
                j++;
            }

            i = j;
        }
    }

    /// <summary>
    /// <c>`${+digits + 1}`</c>: node-semver bumps captured numeric text with JS numbers, so past 2^53
    /// the result is rounded and from 1e21 on it is printed in exponent form.
    /// </summary>
    public static string IncrementDigits(string digits)
    {
        var trimmed = digits.TrimStart('0');
        if (trimmed.Length <= 15)
        {
            return ((trimmed.Length == 0 ? 0 : long.Parse(trimmed, CultureInfo.InvariantCulture)) + 1)
                .ToString(CultureInfo.InvariantCulture);
        }

        return FormatNumber(double.Parse(digits, CultureInfo.InvariantCulture) + 1);
    }

    /// <summary>ECMA-262 Number::toString for non-negative integral doubles.</summary>
    public static string FormatNumber(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "Infinity";
        }

        // "R" yields the shortest round-trip digits, as JS does; only the layout differs.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        int e = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? shortest : shortest[..e];
        int exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        int intDigits = dot < 0 ? mantissa.Length : dot;
        var digits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        int n = intDigits + exponent; // position of the decimal point
        var significant = digits.TrimEnd('0');
        if (significant.Length == 0)
        {
            return "0";
        }

        if (n <= 21)
        {
            return n >= significant.Length ? significant + new string('0', n - significant.Length) : significant[..n];
        }

        var head = significant.Length == 1 ? significant : significant[..1] + "." + significant[1..];
        return head + "e+" + (n - 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// <c>isNaN(id)</c> for a prerelease identifier string (chars <c>[0-9A-Za-z-]</c>): JS
    /// <c>Number()</c> accepts decimal with sign/exponent, <c>Infinity</c> and 0x/0o/0b literals.
    /// </summary>
    public static bool IsNaN(string s)
    {
        if (s.Length > 2 && s[0] == '0' && (s[1] | 0x20) is 'x' or 'o' or 'b')
        {
            var radix = (s[1] | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            var allowed = radix switch
            {
                16 => "0123456789abcdefABCDEF",
                8 => "01234567",
                _ => "01",
            };
            return s.AsSpan(2).ContainsAnyExcept(allowed);
        }

        var t = s.AsSpan();
        if (t.StartsWith("-"))
        {
            t = t[1..];
        }

        if (t.SequenceEqual("Infinity"))
        {
            return false;
        }

        int i = 0;
        while (i < t.Length && char.IsAsciiDigit(t[i]))
        {
            i++;
        }

        if (i == 0)
        {
            return true;
        }

        if (i == t.Length)
        {
            return false;
        }

        if ((t[i] | 0x20) != 'e')
        {
            return true;
        }

        var exp = t[(i + 1)..];
        if (exp.StartsWith("-"))
        {
            exp = exp[1..];
        }

        return exp.Length == 0 || exp.ContainsAnyExceptInRange('0', '9');
    }
}
