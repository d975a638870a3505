using System.Text.RegularExpressions;

namespace Vigil.Core.Reports;

/// <summary>
/// Whether a proof of concept has the form of one (docs/disclosure.md): a runnable snippet (a fenced code block,
/// two or more consecutive lines indented four spaces, a shell-prompt line starting with <c>$ </c>, or a REPL line
/// starting with <c>&gt; </c> that holds code: a call, an arrow, braces or a closing semicolon; a <c>&gt; </c> line
/// of prose is a quotation, as in a Markdown blockquote or a quoted e-mail) or steps to reproduce (two or more
/// numbered lines <c>1.</c>/<c>1)</c> or bullet lines), and at least <see cref="MinLength"/> non-blank
/// characters. It judges the form only, never whether the proof works.
/// </summary>
public static partial class ProofOfConcept
{
    public const int MinLength = 40;

    /// <summary>What a program that requires a proof of concept expects, as shown beside the field.</summary>
    public const string Expected =
        "a code block (``` fenced or indented 4 spaces), shell commands ($ …), or numbered steps to reproduce "
        + "(1. 2. …), at least 40 characters";

    /// <summary>Null when <paramref name="text"/> has the form of a proof of concept; otherwise why not.</summary>
    public static string? Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "a proof of concept is required";
        }
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var problems = new List<string>();
        if (!HasSnippet(lines) && !HasSteps(lines))
        {
            problems.Add("no code block and no numbered steps");
        }
        if (text.Count(c => !char.IsWhiteSpace(c)) < MinLength)
        {
            problems.Add($"fewer than {MinLength} characters");
        }
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static bool HasSnippet(string[] lines)
    {
        var fences = lines.Count(l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
        if (fences >= 2)
        {
            return true;
        }
        if (lines.Any(l => l.StartsWith("$ ", StringComparison.Ordinal)
            || (l.StartsWith("> ", StringComparison.Ordinal) && Code().IsMatch(l))))
        {
            return true;
        }
        return Consecutive(lines, l => l.StartsWith("    ", StringComparison.Ordinal) && l.Trim().Length > 0) >= 2;
    }

    private static bool HasSteps(string[] lines) =>
        lines.Count(l => NumberedStep().IsMatch(l)) >= 2 || lines.Count(l => Bullet().IsMatch(l)) >= 2;

    private static int Consecutive(string[] lines, Func<string, bool> matches)
    {
        int best = 0, run = 0;
        foreach (var line in lines)
        {
            run = matches(line) ? run + 1 : 0;
            best = Math.Max(best, run);
        }
        return best;
    }

    [GeneratedRegex(@"\w\(|=>|[{}]|;\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Code();

    [GeneratedRegex(@"^\s{0,3}[0-9]{1,3}[.)]\s+\S", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedStep();

    [GeneratedRegex(@"^\s{0,3}[-*+]\s+\S", RegexOptions.CultureInvariant)]
    private static partial Regex Bullet();
}
