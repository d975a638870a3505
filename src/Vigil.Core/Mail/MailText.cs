using MimeKit;
using MimeKit.Text;

namespace Vigil.Core.Mail;

/// <summary>
/// The text of a message: its plain-text part, or else its HTML part turned into text (no markup survives).
/// </summary>
public static class MailText
{
    public static string Body(MimeMessage message)
    {
        if (message.TextBody is { } text)
        {
            return text.Replace("\r\n", "\n").Trim();
        }
        return message.HtmlBody is { } html ? HtmlAsText(html).Trim() : "";
    }

    /// <summary>
    /// The text an HTML part shows, with MimeKit's HTML tokenizer: character data only (entities decoded), a line
    /// break for block elements, nothing of <c>script</c>, <c>style</c> or <c>head</c>. No markup survives.
    /// </summary>
    public static string HtmlAsText(string html)
    {
        var text = new System.Text.StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        var hidden = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head:
                    hidden = Math.Max(0, hidden + (tag.IsEndTag ? -1 : tag.IsEmptyElement ? 0 : 1));
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.Br or HtmlTagId.P or HtmlTagId.Div or HtmlTagId.LI
                    or HtmlTagId.TR
                    or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3 or HtmlTagId.Pre or HtmlTagId.BlockQuote:
                    text.Append('\n');
                    break;
                case HtmlDataToken data when hidden == 0:
                    text.Append(data.Data);
                    break;
            }
        }
        return string.Join('\n', text.ToString().Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()))
            .Replace("\n\n\n", "\n\n");
    }

    /// <summary>
    /// A reply without what it quotes and without its signature: stops at the signature separator (<c>-- </c>,
    /// RFC 3676 §4.3), at the attribution line before a quote (<c>On … wrote:</c>), at a forwarded or original
    /// message marker, and drops quoted lines (<c>&gt;</c>).
    /// </summary>
    public static string Reply(string body)
    {
        var kept = new List<string>();
        var lines = body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line is "-- " or "--"
                || line.StartsWith("-----Original Message-----", StringComparison.OrdinalIgnoreCase)
                || line.StartsWith("________________________________", StringComparison.Ordinal))
            {
                break;
            }
            if (IsAttribution(line, i + 1 < lines.Length ? lines[i + 1] : null))
            {
                break;
            }
            if (!line.StartsWith('>'))
            {
                kept.Add(line);
            }
        }
        return string.Join('\n', kept).Trim();
    }

    // "On Mon, 7 Dec 2026 at 09:00, Ann <ann@example.org> wrote:", possibly wrapped onto the next line.
    private static bool IsAttribution(string line, string? next) =>
        line.StartsWith("On ", StringComparison.Ordinal)
        && (line.TrimEnd().EndsWith("wrote:", StringComparison.Ordinal)
            || (next is not null && next.TrimEnd().EndsWith("wrote:", StringComparison.Ordinal)));
}
