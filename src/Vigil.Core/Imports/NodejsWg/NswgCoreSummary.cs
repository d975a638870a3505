using System.Text.Json.Nodes;

namespace Vigil.Core.Imports.NodejsWg;

/// <summary>
/// A one-line summary for a core entry that has no <c>description</c> (most of the list): the first sentence
/// of its <c>overview</c>, cut at a word to <see cref="MaxLength"/> characters; without an overview, the
/// release lines it names.
/// </summary>
internal static class NswgCoreSummary
{
    public const int MaxLength = 120;

    public static string From(JsonObject entry)
    {
        var overview = NswgFields.OptionalString(entry, "overview");
        var sentence = overview is null ? "" : FirstSentence(overview);
        if (sentence.Length == 0)
        {
            var cves = NswgFields.OptionalStringArray(entry, "cve");
            var named = cves is { Count: > 0 } ? string.Join(", ", cves) + " in " : "Vulnerability in ";
            return named + "Node.js " + NswgFields.RequiredString(entry, "vulnerable").Trim();
        }
        return sentence.Length <= MaxLength ? sentence : Cut(sentence);
    }

    private static string FirstSentence(string text)
    {
        var flat = string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        // A period followed by a space ends a sentence; "v18.7.0" or "fs.open" do not.
        var end = flat.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? flat : flat[..end]).TrimEnd('.', ' ');
    }

    private static string Cut(string sentence)
    {
        var space = sentence.LastIndexOf(' ', MaxLength - 1);
        return sentence[..(space > MaxLength / 2 ? space : MaxLength - 1)].TrimEnd(',', ';', ':', ' ') + "…";
    }
}
