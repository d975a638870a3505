using System.Text.RegularExpressions;

namespace Vigil.Core.SavedReplies;

/// <summary>What a saved reply's placeholders stand for on one report.</summary>
/// <param name="Report">The report's number (<c>{report}</c>).</param>
/// <param name="Package">The name of the report's first package (<c>{package}</c>); null leaves the placeholder.
/// </param>
/// <param name="Program">The program's name (<c>{program}</c>).</param>
public sealed record ReplyFacts(string Report, string? Package, string Program);

/// <summary>
/// Expands a saved reply's placeholders for one report: <c>{report}</c>, <c>{package}</c> and <c>{program}</c>, in
/// one pass (a value that itself looks like a placeholder stays as it is). Anything else in braces stays as written,
/// so a reply that talks about <c>{"json": true}</c> or an unknown <c>{name}</c> is posted unchanged.
/// </summary>
public static partial class SavedReplyText
{
    public static string Expand(string body, ReplyFacts facts) =>
        Placeholder().Replace(body, match => match.Groups[1].Value switch
        {
            "report" => facts.Report,
            "package" => facts.Package ?? match.Value,
            "program" => facts.Program,
            _ => match.Value,
        });

    [GeneratedRegex(@"\{(report|package|program)\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();
}
