using System.Globalization;
using System.Text;

namespace Vigil.Core.Advisories;

/// <summary>
/// The search box's words, parsed once and written out for each database's full-text engine, so both
/// answer the same syntax (docs/web.md, "Searching"): words must all appear (any form: "polluted" finds
/// "pollution"), "quoted words" must appear together, <c>-word</c> leaves out what has it, and
/// <c>OR</c> between words finds either. Every other character only separates words, so no input can be
/// a syntax error in SQLite's FTS5 or PostgreSQL's tsquery; the text reaches the database as a parameter.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxLength = 200;

    /// <summary>At most this many words or phrases are used; the rest are ignored.</summary>
    public const int MaxTerms = 16;

    private SearchQuery(IReadOnlyList<Group> groups) => Groups = groups;

    /// <summary>The OR-ed groups; each has at least one word or phrase that must appear.</summary>
    public IReadOnlyList<Group> Groups { get; }

    public bool IsEmpty => Groups.Count == 0;

    /// <param name="Phrase">Words separated by single spaces: only letters, digits and the marks inside a word.</param>
    public sealed record Term(string Phrase, bool Excluded);

    public sealed record Group(IReadOnlyList<Term> Required, IReadOnlyList<Term> Excluded);

    public static SearchQuery Parse(string? text)
    {
        var groups = new List<Group>();
        var required = new List<Term>();
        var excluded = new List<Term>();
        var count = 0;
        foreach (var (raw, quoted, negated) in Tokens(text ?? ""))
        {
            if (!quoted && !negated && raw.Equals("or", StringComparison.OrdinalIgnoreCase))
            {
                Close();
                continue;
            }
            var phrase = Words(raw);
            if (phrase.Length == 0 || count >= MaxTerms)
            {
                continue;
            }
            count++;
            (negated ? excluded : required).Add(new Term(phrase, negated));
        }
        Close();
        return new SearchQuery(groups);

        void Close()
        {
            // A group of exclusions alone has nothing to exclude from (FTS5 cannot say "everything but"):
            // it is dropped.
            if (required.Count > 0)
            {
                groups.Add(new Group(required.ToList(), excluded.ToList()));
            }
            required.Clear();
            excluded.Clear();
        }
    }

    /// <summary>
    /// SQLite FTS5's query: each term a double-quoted string (a phrase), so nothing in it is an operator.
    /// </summary>
    public string ToFts5()
    {
        return string.Join(" OR ", Groups.Select(g =>
        {
            var all = string.Join(" AND ", g.Required.Select(Quote));
            return g.Excluded.Count == 0
                ? $"({all})"
                : $"(({all}) NOT ({string.Join(" OR ", g.Excluded.Select(Quote))}))";
        }));
        static string Quote(Term term) => $"\"{term.Phrase}\"";
    }

    /// <summary>
    /// PostgreSQL's <c>websearch_to_tsquery</c> input, written from the parsed terms (never the raw text):
    /// the same syntax, and that function never fails on its input.
    /// </summary>
    public string ToWebSearch() =>
        string.Join(" or ", Groups.Select(g => string.Join(' ',
            g.Required.Select(t => $"\"{t.Phrase}\"").Concat(g.Excluded.Select(t => $"-\"{t.Phrase}\"")))));

    private static IEnumerable<(string Text, bool Quoted, bool Negated)> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var negated = false;
            if (text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                negated = true;
                i++;
            }
            if (text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                end = end < 0 ? text.Length : end;
                yield return (text[(i + 1)..end], true, negated);
                i = Math.Min(text.Length, end + 1);
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"')
            {
                i++;
            }
            yield return (text[start..i], false, negated);
        }
    }

    /// <summary>The letters and digits of a token as space-separated words; everything else separates.</summary>
    private static string Words(string token)
    {
        var words = new StringBuilder();
        var inWord = false;
        foreach (var rune in token.EnumerateRunes())
        {
            var letter = Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is
                UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (letter)
            {
                if (!inWord && words.Length > 0)
                {
                    words.Append(' ');
                }
                words.Append(rune.ToString());
            }
            inWord = letter;
        }
        return words.ToString();
    }
}
