using Vigil.Core.Advisories.Osv;

namespace Vigil.Web.Pages.Advisories;

/// <summary>
/// An OSV range in words, one phrase per introduced event: "from 1.2.0 up to but not including 1.4.3".
/// Follows the schema's event semantics: <c>introduced: "0"</c> is the first version, <c>fixed</c> and
/// <c>limit</c> are excluded, <c>last_affected</c> is included, no closing event means every later version.
/// </summary>
public static class RangeWords
{
    public static IReadOnlyList<string> Describe(OsvRangeModel range)
    {
        var prefix = range.Type == "GIT" ? "commit " : "";
        var phrases = new List<string>();
        string? start = null;
        foreach (var e in range.Events)
        {
            if (e.Introduced is { } introduced)
            {
                if (start is not null)
                {
                    phrases.Add(start + " and every later version");
                }
                start = introduced == "0" ? "from the first version" : $"from {prefix}{introduced}";
            }
            else if (Ending(e, prefix) is { } ending)
            {
                phrases.Add((start ?? "from the first version") + " " + ending);
                start = null;
            }
        }
        if (start is not null)
        {
            phrases.Add(start + " and every later version");
        }
        return phrases;
    }

    private static string? Ending(OsvEventModel e, string prefix) =>
        e.Fixed is { } fixedVersion ? $"up to but not including {prefix}{fixedVersion}"
        : e.LastAffected is { } last ? $"up to and including {prefix}{last}"
        : e.Limit is { } limit ? $"up to but not including {prefix}{limit} (limit)"
        : null;

    /// <summary>The events as OSV writes them, e.g. <c>introduced 1.2.0, fixed 1.4.3</c>.</summary>
    public static string Events(OsvRangeModel range) => string.Join(", ", range.Events.Select(e =>
        e.Introduced is { } i ? $"introduced {i}"
        : e.Fixed is { } f ? $"fixed {f}"
        : e.LastAffected is { } l ? $"last_affected {l}"
        : e.Limit is { } m ? $"limit {m}"
        : "?"));
}
