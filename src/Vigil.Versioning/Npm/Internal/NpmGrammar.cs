namespace Vigil.Versioning.Npm.Internal;

/// <summary>
/// Hand-written equivalents of the "safe" regexes in node-semver 7.8.5 <c>internal/re.js</c>
/// (<c>\d*</c> is <c>\d{0,256}</c>, <c>[a-zA-Z0-9-]+</c> is <c>{1,250}</c>, <c>\s*</c> is <c>\s{0,1}</c>).
/// Each matcher is anchored at <c>i</c> and greedy, returning the end index or -1. Greedy is exact
/// except in one place, which <see cref="Tail"/> handles: every context that follows these tokens
/// needs a space, <c>$</c> or nothing, and giving back characters would leave a <c>.</c>, <c>-</c> or
/// identifier character next — unless a loose patch gives digits to a prerelease (see <see cref="VersionPlain"/>).
/// </summary>
internal static class NpmGrammar
{
    /// <summary>What the enclosing regex needs right after a version token ends at <paramref name="end"/>.</summary>
    public delegate bool Tail(ReadOnlySpan<char> s, int end);

    /// <summary>Nothing follows (unanchored, e.g. COMPARATORTRIM): the greedy match stands.</summary>
    public static readonly Tail AnyTail = static (_, _) => true;

    /// <summary><c>$</c>.</summary>
    public static readonly Tail EndTail = static (s, end) => end == s.Length;

    public const int MaxLength = 256;
    public const long MaxSafeInteger = 9007199254740991;
    private const int MaxDigits = 256;
    private const int MaxIdentifierChars = 250;

    public static char At(ReadOnlySpan<char> s, int i) => (uint)i < (uint)s.Length ? s[i] : '\0';

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool IsLetterOrDash(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '-';

    public static bool IsIdentifierChar(char c) => IsDigit(c) || IsLetterOrDash(c);

    /// <summary>NUMERICIDENTIFIER <c>0|[1-9]\d*</c>.</summary>
    public static int NumericStrict(ReadOnlySpan<char> s, int i)
    {
        char c = At(s, i);
        if (c == '0')
        {
            return i + 1;
        }

        if (c is < '1' or > '9')
        {
            return -1;
        }

        int j = i + 1, limit = i + 1 + MaxDigits;
        while (j < limit && IsDigit(At(s, j)))
        {
            j++;
        }

        return j;
    }

    /// <summary>NUMERICIDENTIFIERLOOSE <c>\d+</c>.</summary>
    public static int NumericLoose(ReadOnlySpan<char> s, int i)
    {
        int j = i;
        while (j < i + MaxDigits && IsDigit(At(s, j)))
        {
            j++;
        }

        return j > i ? j : -1;
    }

    public static int Numeric(ReadOnlySpan<char> s, int i, bool loose) =>
        loose ? NumericLoose(s, i) : NumericStrict(s, i);

    /// <summary>NONNUMERICIDENTIFIER <c>\d*[a-zA-Z-][a-zA-Z0-9-]*</c>.</summary>
    public static int NonNumeric(ReadOnlySpan<char> s, int i)
    {
        int j = i;
        while (IsDigit(At(s, j)))
        {
            j++;
        }

        if (j - i > MaxDigits || !IsLetterOrDash(At(s, j)))
        {
            return -1;
        }

        j++;
        int limit = j + MaxIdentifierChars;
        while (j < limit && IsIdentifierChar(At(s, j)))
        {
            j++;
        }

        return j;
    }

    /// <summary>PRERELEASEIDENTIFIER(LOOSE): non-numeric first, then numeric.</summary>
    public static int PrereleaseIdentifier(ReadOnlySpan<char> s, int i, bool loose)
    {
        int e = NonNumeric(s, i);
        return e >= 0 ? e : Numeric(s, i, loose);
    }

    /// <summary><c>ID(?:\.ID)*</c>.</summary>
    public static int PrereleaseList(ReadOnlySpan<char> s, int i, bool loose)
    {
        int e = PrereleaseIdentifier(s, i, loose);
        if (e < 0)
        {
            return -1;
        }

        while (At(s, e) == '.')
        {
            int next = PrereleaseIdentifier(s, e + 1, loose);
            if (next < 0)
            {
                break;
            }

            e = next;
        }

        return e;
    }

    /// <summary>
    /// PRERELEASE <c>-(list)</c>, or PRERELEASELOOSE <c>-?(list)</c>. In loose mode a lone <c>-</c>
    /// backtracks into the list itself (<c>1.2.3-</c> has prerelease <c>["-"]</c>), as the regex does.
    /// </summary>
    public static Capture Prerelease(ReadOnlySpan<char> s, int i, bool loose)
    {
        if (At(s, i) == '-')
        {
            int e = PrereleaseList(s, i + 1, loose);
            if (e >= 0)
            {
                return new Capture(i + 1, e);
            }
        }

        if (loose)
        {
            int e = PrereleaseList(s, i, loose);
            if (e >= 0)
            {
                return new Capture(i, e);
            }
        }

        return Capture.None;
    }

    private static int BuildIdentifier(ReadOnlySpan<char> s, int i)
    {
        int j = i;
        while (j < i + MaxIdentifierChars && IsIdentifierChar(At(s, j)))
        {
            j++;
        }

        return j > i ? j : -1;
    }

    /// <summary>BUILD <c>\+(BID(?:\.BID)*)</c>.</summary>
    public static Capture Build(ReadOnlySpan<char> s, int i)
    {
        if (At(s, i) != '+')
        {
            return Capture.None;
        }

        int e = BuildIdentifier(s, i + 1);
        if (e < 0)
        {
            return Capture.None;
        }

        while (At(s, e) == '.')
        {
            int next = BuildIdentifier(s, e + 1);
            if (next < 0)
            {
                break;
            }

            e = next;
        }

        return new Capture(i + 1, e);
    }

    /// <summary><c>[v=\s]*</c>.</summary>
    public static int SkipLoosePrefix(ReadOnlySpan<char> s, int i)
    {
        while (At(s, i) is 'v' or '=' || (i < s.Length && JsText.IsWhitespace(s[i])))
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// FULLPLAIN <c>v?MAIN(PRE)?(BUILD)?</c> or LOOSEPLAIN <c>[v=\s]*MAINLOOSE(PRELOOSE)?(BUILD)?</c>,
    /// the first match (in the regex's order) that <paramref name="tail"/> accepts.
    /// </summary>
    public static PlainMatch VersionPlain(ReadOnlySpan<char> s, int i, bool loose, Tail tail)
    {
        int p = loose ? SkipLoosePrefix(s, i) : (At(s, i) == 'v' ? i + 1 : i);
        int majorEnd = Numeric(s, p, loose);
        if (majorEnd < 0 || At(s, majorEnd) != '.')
        {
            return PlainMatch.Fail;
        }

        int minorEnd = Numeric(s, majorEnd + 1, loose);
        if (minorEnd < 0 || At(s, minorEnd) != '.')
        {
            return PlainMatch.Fail;
        }

        int patchEnd = Numeric(s, minorEnd + 1, loose);
        if (patchEnd < 0)
        {
            return PlainMatch.Fail;
        }

        var main = (Start: i, Major: new Capture(p, majorEnd), Minor: new Capture(majorEnd + 1, minorEnd));
        return WithPatch(s, main, minorEnd + 1, patchEnd, loose, canShorten: loose, tail);
    }

    /// <summary>
    /// Patch, then <c>(PRE)?(BUILD)?</c>. If <paramref name="tail"/> rejects the greedy match, a loose
    /// patch gives back digits to a prerelease, as the regex backtracks: <c>1.2.34.5</c> is patch 3,
    /// prerelease <c>4.5</c> (PRERELEASELOOSE needs no hyphen, and <c>.5</c> can't follow a patch).
    /// </summary>
    private static PlainMatch WithPatch(ReadOnlySpan<char> s, (int Start, Capture Major, Capture Minor) main,
        int patchStart, int patchEnd, bool loose, bool canShorten, Tail tail)
    {
        for (int end = patchEnd; end > patchStart; end--)
        {
            var pre = Prerelease(s, end, loose);
            if (end < patchEnd && !pre.Matched)
            {
                break; // a shorter patch only helps when the prerelease takes the digits
            }

            int e = pre.Matched ? pre.End : end;
            var build = Build(s, e);
            e = build.Matched ? build.End : e;
            if (tail(s, e))
            {
                return new PlainMatch(main.Start, e, main.Major, main.Minor, new Capture(patchStart, end), pre, build);
            }

            if (!canShorten)
            {
                break;
            }
        }

        return PlainMatch.Fail;
    }

    /// <summary>XRANGEIDENTIFIER(LOOSE): numeric, <c>x</c>, <c>X</c> or <c>*</c>.</summary>
    private static int XIdentifier(ReadOnlySpan<char> s, int i, bool loose)
    {
        int e = Numeric(s, i, loose);
        return e >= 0 ? e : At(s, i) is 'x' or 'X' or '*' ? i + 1 : -1;
    }

    /// <summary>
    /// XRANGEPLAIN(LOOSE) <c>[v=\s]*(XID)(?:\.(XID)(?:\.(XID)(?:PRE)?BUILD?)?)?</c>, the first match
    /// that <paramref name="tail"/> accepts (dropping the optional groups never helps: it would leave a dot).
    /// </summary>
    public static PlainMatch XRangePlain(ReadOnlySpan<char> s, int i, bool loose, Tail tail)
    {
        int p = SkipLoosePrefix(s, i);
        int majorEnd = XIdentifier(s, p, loose);
        if (majorEnd < 0)
        {
            return PlainMatch.Fail;
        }

        var major = new Capture(p, majorEnd);
        int minorEnd = At(s, majorEnd) == '.' ? XIdentifier(s, majorEnd + 1, loose) : -1;
        if (minorEnd < 0)
        {
            return tail(s, majorEnd)
                ? new PlainMatch(i, majorEnd, major, Capture.None, Capture.None, Capture.None, Capture.None)
                : PlainMatch.Fail;
        }

        var minor = new Capture(majorEnd + 1, minorEnd);
        int patchEnd = At(s, minorEnd) == '.' ? XIdentifier(s, minorEnd + 1, loose) : -1;
        if (patchEnd < 0)
        {
            return tail(s, minorEnd)
                ? new PlainMatch(i, minorEnd, major, minor, Capture.None, Capture.None, Capture.None)
                : PlainMatch.Fail;
        }

        // Only a numeric patch can give digits back (x, X and * are single characters).
        bool numeric = IsDigit(At(s, minorEnd + 1));
        return WithPatch(s, (i, major, minor), minorEnd + 1, patchEnd, loose, canShorten: loose && numeric, tail);
    }

    /// <summary>
    /// GTLT <c>((?:&lt;|&gt;)?=?)</c>: the operator lengths at <c>i</c> in the order the regex tries them.
    /// </summary>
    public static ReadOnlySpan<int> OperatorLengths(ReadOnlySpan<char> s, int i)
    {
        char c = At(s, i);
        if (c is '<' or '>')
        {
            return At(s, i + 1) == '=' ? [2, 1, 0] : [1, 0];
        }

        return c == '=' ? [1, 0] : [0];
    }
}
