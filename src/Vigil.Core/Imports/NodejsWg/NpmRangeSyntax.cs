using System.Text.RegularExpressions;

namespace Vigil.Core.Imports.NodejsWg;

internal enum ComparatorOp
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
}

internal sealed record Comparator(ComparatorOp Op, SemverVersion Version);

/// <summary>
/// node-semver 7.x range syntax (non-loose), desugared the way <c>classes/range.js</c> does it:
/// alternatives split on <c>||</c>; hyphen ranges, <c>~</c>, <c>^</c>, x-ranges and partial versions
/// rewritten into primitive comparators (<c>&lt; &lt;= &gt; &gt;= =</c> with full versions). An empty
/// comparator list means "any version". Used to check WG ranges and to derive OSV events from them.
/// TEMP: Vigil.Versioning's NpmRange replaces this once Vigil.Core references that project again.
/// </summary>
internal static partial class NpmRangeSyntax
{
    private const string XrId = @"(?:0|[1-9]\d*|x|X|\*)";
    private const string PreId = @"(?:0|[1-9]\d*|\d*[a-zA-Z-][a-zA-Z0-9-]*)";
    private const string BuildId = @"[0-9A-Za-z-]+";
    private const string XrPlain = $@"[v=\s]*{XrId}(?:\.{XrId}(?:\.{XrId}(?:-{PreId}(?:\.{PreId})*)?(?:\+{BuildId}(?:\.{BuildId})*)?)?)?";

    [GeneratedRegex($@"^([v=\s]*)({XrId})(?:\.({XrId})(?:\.({XrId})(?:-({PreId}(?:\.{PreId})*))?(?:\+{BuildId}(?:\.{BuildId})*)?)?)?$")]
    private static partial Regex Partial();

    [GeneratedRegex($@"^\s*({XrPlain})\s+-\s+({XrPlain})\s*$")]
    private static partial Regex Hyphen();

    // "> 1.2.3" => ">1.2.3", "~ 1.2" => "~1.2", "^ 1.2" => "^1.2" (re.js COMPARATORTRIM, TILDETRIM, CARETTRIM).
    [GeneratedRegex($@"(\s*)((?:<|>)?=?)\s*({XrPlain})")]
    private static partial Regex ComparatorTrim();

    [GeneratedRegex(@"(\s*)~>?\s+")]
    private static partial Regex TildeTrim();

    [GeneratedRegex(@"(\s*)\^\s+")]
    private static partial Regex CaretTrim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Parses a range into alternatives of primitive comparators; false with a reason when node-semver would refuse it.</summary>
    public static bool TryParse(string range, out List<List<Comparator>> sets, out string error)
    {
        sets = [];
        error = "";
        var raw = Spaces().Replace(range.Trim(), " ");
        foreach (var alternative in raw.Split("||"))
        {
            var set = ParseSet(alternative.Trim(), out error);
            if (set is null)
            {
                return false;
            }
            sets.Add(set);
        }
        return true;
    }

    private static List<Comparator>? ParseSet(string text, out string error)
    {
        error = "";
        var result = new List<Comparator>();
        var hyphen = Hyphen().Match(text);
        if (hyphen.Success)
        {
            return HyphenRange(hyphen.Groups[1].Value, hyphen.Groups[2].Value, result, out error) ? result : null;
        }
        text = ComparatorTrim().Replace(text, "$1$2$3");
        text = TildeTrim().Replace(text, "$1~");
        text = CaretTrim().Replace(text, "$1^");
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Desugar(token, result))
            {
                error = $"'{token}' is not a valid comparator";
                return null;
            }
        }
        return result;
    }

    private static bool Desugar(string token, List<Comparator> into)
    {
        if (token.StartsWith('^'))
        {
            return ParsePartial(token[1..], out var p, out _) && NpmRangeRules.Caret(p, into);
        }
        if (token.StartsWith('~'))
        {
            var rest = token[1..];
            return ParsePartial(rest.StartsWith('>') ? rest[1..] : rest, out var p, out _) && NpmRangeRules.Tilde(p, into);
        }
        var op = token.StartsWith(">=", StringComparison.Ordinal) || token.StartsWith("<=", StringComparison.Ordinal) ? token[..2]
            : token.StartsWith('>') || token.StartsWith('<') || token.StartsWith('=') ? token[..1]
            : "";
        if (!ParsePartial(token[op.Length..], out var partial, out var prefix))
        {
            return false;
        }
        // Without an x, node-semver hands the text to Comparator, whose FULLPLAIN allows only an optional "v".
        if (!partial.AnyX && prefix is not ("" or "v"))
        {
            return false;
        }
        return NpmRangeRules.XRange(op, partial, into);
    }

    private static bool HyphenRange(string fromText, string toText, List<Comparator> into, out string error)
    {
        error = $"'{fromText} - {toText}' is not a valid hyphen range";
        return ParsePartial(fromText, out var from, out _)
            && ParsePartial(toText, out var to, out _)
            && NpmRangeRules.Hyphen(from, to, into);
    }

    private static bool ParsePartial(string text, out Partial partial, out string prefix)
    {
        partial = default;
        prefix = "";
        var match = Partial().Match(text);
        if (!match.Success)
        {
            return false;
        }
        prefix = match.Groups[1].Value;
        if (!TryComponent(match.Groups[2], out var major) || !TryComponent(match.Groups[3], out var minor) || !TryComponent(match.Groups[4], out var patch))
        {
            return false;
        }
        var prerelease = match.Groups[5].Success ? match.Groups[5].Value.Split('.') : [];
        partial = new Partial(major, minor, patch, prerelease);
        return true;
    }

    /// <summary>A missing or x/X/* component is null.</summary>
    private static bool TryComponent(Group group, out ulong? value)
    {
        value = null;
        if (!group.Success || group.Value is "x" or "X" or "*")
        {
            return true;
        }
        if (SemverVersion.TryParseComponent(group.Value, out var number))
        {
            value = number;
            return true;
        }
        return false;
    }
}

/// <summary>A version with possibly missing (x) components, as written in a range.</summary>
internal readonly record struct Partial(ulong? Major, ulong? Minor, ulong? Patch, string[] Prerelease)
{
    public bool AnyX => Major is null || Minor is null || Patch is null;
}
