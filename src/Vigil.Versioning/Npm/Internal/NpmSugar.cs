namespace Vigil.Versioning.Npm.Internal;

/// <summary>
/// node-semver 7.8.5 <c>parseComparator</c>: <c>replaceCarets</c>, <c>replaceTildes</c>,
/// <c>replaceXRanges</c>, <c>replaceStars</c> applied to one space-free token. Captured text is
/// reused verbatim (so loose <c>^00.1.2</c> keeps its zeros) and bumps use JS number arithmetic.
/// </summary>
internal static class NpmSugar
{
    public static string ExpandToken(string token, NpmSemverOptions options)
    {
        var s = ReplaceCaret(token, options);
        s = string.Join(' ', JsText.SplitOnSpaces(s).Select(c => ReplaceTilde(c, options)));
        s = string.Join(' ', JsText.SplitOnSpaces(s).Select(c => ReplaceXRange(c, options)));
        return ReplaceStar(s);
    }

    /// <summary><c>isX</c>: absent, empty, <c>x</c>/<c>X</c> or <c>*</c>.</summary>
    public static bool IsX(Capture c, string s) =>
        c.IsEmpty || (c.End - c.Start == 1 && s[c.Start] is 'x' or 'X' or '*');

    private static string Inc(string digits) => JsText.IncrementDigits(digits);

    /// <summary>CARET(LOOSE) <c>^\^XRANGEPLAIN$</c>: <c>^1.2.3</c> → <c>&gt;=1.2.3 &lt;2.0.0-0</c>.</summary>
    internal static string ReplaceCaret(string comp, NpmSemverOptions options)
    {
        if (NpmGrammar.At(comp, 0) != '^')
        {
            return comp;
        }

        var x = NpmGrammar.XRangePlain(comp, 1, options.Loose, NpmGrammar.EndTail);
        if (!x.Success)
        {
            return comp;
        }

        string z = options.IncludePrerelease ? "-0" : string.Empty;
        string M = x.Major.Text(comp), m = x.Minor.Text(comp), p = x.Patch.Text(comp);
        string low = x.Prerelease.IsEmpty ? $">={M}.{m}.{p}" : $">={M}.{m}.{p}-{x.Prerelease.Text(comp)}";
        if (IsX(x.Major, comp))
        {
            return string.Empty;
        }

        if (IsX(x.Minor, comp))
        {
            return $">={M}.0.0{z} <{Inc(M)}.0.0-0";
        }

        if (IsX(x.Patch, comp))
        {
            return M == "0" ? $">={M}.{m}.0{z} <{M}.{Inc(m)}.0-0" : $">={M}.{m}.0{z} <{Inc(M)}.0.0-0";
        }

        // The prerelease lower bound keeps its own tag; the upper bound excludes the next tuple's prereleases.
        return M != "0" ? $"{low} <{Inc(M)}.0.0-0"
            : m != "0" ? $"{low} <{M}.{Inc(m)}.0-0"
            : $"{low} <{M}.{m}.{Inc(p)}-0";
    }

    /// <summary>TILDE(LOOSE) <c>^~&gt;?XRANGEPLAIN$</c>: <c>~1.2.3</c> → <c>&gt;=1.2.3 &lt;1.3.0-0</c>.</summary>
    internal static string ReplaceTilde(string comp, NpmSemverOptions options)
    {
        if (NpmGrammar.At(comp, 0) != '~')
        {
            return comp;
        }

        var x = NpmGrammar.XRangePlain(comp, NpmGrammar.At(comp, 1) == '>' ? 2 : 1, options.Loose, NpmGrammar.EndTail);
        if (!x.Success)
        {
            return comp;
        }

        string z = options.IncludePrerelease ? "-0" : string.Empty;
        string M = x.Major.Text(comp), m = x.Minor.Text(comp), p = x.Patch.Text(comp);
        if (IsX(x.Major, comp))
        {
            return string.Empty;
        }

        if (IsX(x.Minor, comp))
        {
            return $">={M}.0.0{z} <{Inc(M)}.0.0-0";
        }

        if (IsX(x.Patch, comp))
        {
            return $">={M}.{m}.0{z} <{M}.{Inc(m)}.0-0";
        }

        return x.Prerelease.IsEmpty
            ? $">={M}.{m}.{p} <{M}.{Inc(m)}.0-0"
            : $">={M}.{m}.{p}-{x.Prerelease.Text(comp)} <{M}.{Inc(m)}.0-0";
    }

    /// <summary>XRANGE(LOOSE) <c>^GTLT\s?XRANGEPLAIN$</c>: <c>1.2.x</c>, <c>&gt;1</c>, <c>&lt;=1.2</c>,
    /// <c>*</c>...</summary>
    internal static string ReplaceXRange(string comp, NpmSemverOptions options)
    {
        comp = JsText.Trim(comp);
        int opLength = -1;
        PlainMatch x = PlainMatch.Fail;
        foreach (int length in NpmGrammar.OperatorLengths(comp, 0))
        {
            int v = NpmGrammar.At(comp, length) == ' ' ? length + 1 : length;
            x = NpmGrammar.XRangePlain(comp, v, options.Loose, NpmGrammar.EndTail);
            if (x.Success)
            {
                opLength = length;
                break;
            }
        }

        if (opLength < 0)
        {
            return comp;
        }

        bool xM = IsX(x.Major, comp), xm = xM || IsX(x.Minor, comp), xp = xm || IsX(x.Patch, comp);
        bool invalidOrder = (xM && !IsX(x.Minor, comp))
            || (IsX(x.Minor, comp) && !x.Patch.IsEmpty && !IsX(x.Patch, comp));
        if (invalidOrder)
        {
            return comp; // e.g. `1.x.5`: left as is, so it fails as a comparator
        }

        string gtlt = comp[..opLength];
        if (gtlt == "=" && xp)
        {
            gtlt = string.Empty;
        }

        string pr = options.IncludePrerelease ? "-0" : string.Empty;
        string M = x.Major.Text(comp), m = x.Minor.Text(comp);
        if (xM)
        {
            return gtlt is ">" or "<" ? "<0.0.0-0" : "*";
        }

        if (gtlt.Length > 0 && xp)
        {
            if (xm)
            {
                m = "0";
            }

            if (gtlt == ">")
            {
                // >1 => >=2.0.0, >1.2 => >=1.3.0
                gtlt = ">=";
                (M, m) = xm ? (Inc(M), "0") : (M, Inc(m));
            }
            else if (gtlt == "<=")
            {
                // <=0.7.x is <0.8.0-0
                gtlt = "<";
                (M, m) = xm ? (Inc(M), m) : (M, Inc(m));
            }

            return $"{gtlt}{M}.{m}.0{(gtlt == "<" ? "-0" : pr)}";
        }

        if (xm)
        {
            return $">={M}.0.0{pr} <{Inc(M)}.0.0-0";
        }

        return xp ? $">={M}.{m}.0{pr} <{M}.{Inc(m)}.0-0" : comp;
    }

    /// <summary>STAR: the first <c>(&lt;|&gt;)?=?\s?\*</c> removed (after trimming).</summary>
    internal static string ReplaceStar(string comp)
    {
        comp = JsText.Trim(comp);
        for (int p = comp.IndexOf('*', StringComparison.Ordinal) < 0 ? comp.Length : 0; p < comp.Length; p++)
        {
            int q = p;
            if (comp[q] is '<' or '>')
            {
                q++;
            }

            if (NpmGrammar.At(comp, q) == '=')
            {
                q++;
            }

            if (NpmGrammar.At(comp, q) == ' ')
            {
                q++;
            }

            if (NpmGrammar.At(comp, q) == '*')
            {
                return string.Concat(comp.AsSpan(0, p), comp.AsSpan(q + 1));
            }
        }

        return comp;
    }
}
