using System.Text;

namespace Vigil.Versioning.Npm.Internal;

/// <summary>
/// node-semver 7.8.5 <c>Range.parseRange</c> for one <c>||</c> alternative, step by step, as
/// string rewrites (the same rewrites its regex replaces perform, so quirks carry over):
/// strip build metadata, hyphen ranges, operator-space trimming, then per token carets, tildes,
/// x-ranges and stars, and finally <c>&gt;=0.0.0</c> to match-all.
/// </summary>
internal static class NpmRangeDesugar
{
    /// <summary>The comparator strings of <paramref name="part"/> (already trimmed, single-spaced).</summary>
    public static List<string> Desugar(string part, NpmSemverOptions options)
    {
        var s = StripBuildMetadata(part);
        s = ReplaceHyphen(s, options);
        s = TrimOperatorSpace(s);
        s = TrimLoneOperator(s, '~');
        s = TrimLoneOperator(s, '^');

        var expanded = s.Split(' ').Select(token => NpmSugar.ExpandToken(token, options));
        var tokens = JsText.SplitOnSpaces(string.Join(' ', expanded));
        for (int i = 0; i < tokens.Count; i++)
        {
            // GTE0 / GTE0PRE: `>=0.0.0` (or `>=0.0.0-0` with includePrerelease) is the same as `*`.
            if (tokens[i] == (options.IncludePrerelease ? ">=0.0.0-0" : ">=0.0.0"))
            {
                tokens[i] = string.Empty;
            }
        }

        return tokens;
    }

    /// <summary>BUILDSTRIPRE: the unbounded global <c>\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)</c> removed.</summary>
    internal static string StripBuildMetadata(string s)
    {
        int first = s.IndexOf('+', StringComparison.Ordinal);
        if (first < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        int last = 0;
        for (int p = first; p < s.Length; p++)
        {
            if (s[p] != '+' || !NpmGrammar.IsIdentifierChar(NpmGrammar.At(s, p + 1)))
            {
                continue;
            }

            int e = p + 1;
            do
            {
                e++;
                while (NpmGrammar.IsIdentifierChar(NpmGrammar.At(s, e)))
                {
                    e++;
                }
            }
            while (NpmGrammar.At(s, e) == '.' && NpmGrammar.IsIdentifierChar(NpmGrammar.At(s, e + 1)));

            sb.Append(s, last, p - last);
            last = e;
            p = e - 1;
        }

        return sb.Append(s, last, s.Length - last).ToString();
    }

    private static readonly NpmGrammar.Tail HyphenTail = static (s, end) =>
        NpmGrammar.At(s, end) == ' ' && NpmGrammar.At(s, end + 1) == '-' && NpmGrammar.At(s, end + 2) == ' ';

    private static readonly NpmGrammar.Tail TrailingSpaceOrEnd = static (s, end) =>
        end == s.Length || (end + 1 == s.Length && s[end] == ' ');

    /// <summary>HYPHENRANGE(LOOSE) <c>^\s?(XRANGEPLAIN)\s-\s(XRANGEPLAIN)\s?$</c> → <c>hyphenReplace</c>.</summary>
    internal static string ReplaceHyphen(string s, NpmSemverOptions options)
    {
        bool loose = options.Loose;
        var from = NpmGrammar.XRangePlain(s, NpmGrammar.At(s, 0) == ' ' ? 1 : 0, loose, HyphenTail);
        if (!from.Success)
        {
            return s;
        }

        var to = NpmGrammar.XRangePlain(s, from.End + 3, loose, TrailingSpaceOrEnd);
        if (!to.Success)
        {
            return s;
        }

        string z = options.IncludePrerelease ? "-0" : string.Empty;
        string fromText = s[from.Start..from.End], toText = s[to.Start..to.End];
        string fM = from.Major.Text(s), fm = from.Minor.Text(s), tM = to.Major.Text(s), tm = to.Minor.Text(s),
            tp = to.Patch.Text(s);

        string lower =
            NpmSugar.IsX(from.Major, s) ? string.Empty
            : NpmSugar.IsX(from.Minor, s) ? $">={fM}.0.0{z}"
            : NpmSugar.IsX(from.Patch, s) ? $">={fM}.{fm}.0{z}"
            : !from.Prerelease.IsEmpty ? ">=" + fromText
            : ">=" + fromText + z;
        string upper =
            NpmSugar.IsX(to.Major, s) ? string.Empty
            : NpmSugar.IsX(to.Minor, s) ? $"<{JsText.IncrementDigits(tM)}.0.0-0"
            : NpmSugar.IsX(to.Patch, s) ? $"<{tM}.{JsText.IncrementDigits(tm)}.0-0"
            : !to.Prerelease.IsEmpty ? $"<={tM}.{tm}.{tp}-{to.Prerelease.Text(s)}"
            : options.IncludePrerelease ? $"<{tM}.{tm}.{JsText.IncrementDigits(tp)}-0"
            : "<=" + toText;
        return JsText.Trim($"{lower} {upper}");
    }

    /// <summary>
    /// COMPARATORTRIM, global <c>(\s?)GTLT\s?(LOOSEPLAIN|XRANGEPLAIN)</c> → <c>$1$2$3</c>: drops the
    /// space between an operator and its version (<c>&gt; 1.2.3</c> → <c>&gt;1.2.3</c>).
    /// </summary>
    internal static string TrimOperatorSpace(string s)
    {
        StringBuilder? sb = null;
        int last = 0, p = 0;
        while (p < s.Length)
        {
            if (!TryOperatorSpaceAt(s, p, out int end, out int deleteAt))
            {
                p++;
                continue;
            }

            if (deleteAt >= 0)
            {
                sb ??= new StringBuilder(s.Length);
                sb.Append(s, last, deleteAt - last);
                last = deleteAt + 1;
            }

            p = end;
        }

        return sb is null ? s : sb.Append(s, last, s.Length - last).ToString();
    }

    private static bool TryOperatorSpaceAt(string s, int p, out int end, out int deleteAt)
    {
        int s1 = s[p] == ' ' ? p + 1 : p;
        foreach (int opLength in NpmGrammar.OperatorLengths(s, s1))
        {
            int g = s1 + opLength;
            int v = NpmGrammar.At(s, g) == ' ' ? g + 1 : g;
            var m = NpmGrammar.VersionPlain(s, v, loose: true, NpmGrammar.AnyTail);
            if (!m.Success)
            {
                m = NpmGrammar.XRangePlain(s, v, loose: false, NpmGrammar.AnyTail);
            }

            if (m.Success)
            {
                end = m.End;
                deleteAt = v > g ? g : -1;
                return true;
            }
        }

        end = deleteAt = -1;
        return false;
    }

    /// <summary>
    /// TILDETRIM <c>(\s?)~&gt;?\s</c> → <c>$1~</c> and CARETTRIM <c>(\s?)\^\s</c> → <c>$1^</c>
    /// (note <c>~&gt; 1</c> becomes <c>~1</c>).
    /// </summary>
    internal static string TrimLoneOperator(string s, char op)
    {
        if (s.IndexOf(op, StringComparison.Ordinal) < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        int p = 0;
        while (p < s.Length)
        {
            int s1 = s[p] == ' ' ? p + 1 : p;
            int t = s1 + 1;
            int end = NpmGrammar.At(s, s1) != op ? -1
                : op == '~' && NpmGrammar.At(s, t) == '>' && NpmGrammar.At(s, t + 1) == ' ' ? t + 2
                : NpmGrammar.At(s, t) == ' ' ? t + 1
                : -1;
            if (end < 0)
            {
                sb.Append(s[p++]);
                continue;
            }

            sb.Append(s, p, s1 - p).Append(op);
            p = end;
        }

        return sb.ToString();
    }
}
