using System.Text.RegularExpressions;
using Vigil.Testing;

namespace Vigil.Web.Tests.Pages;

/// <summary>
/// Pages write dates for people through <c>PageFormat</c> and <c>DateWords</c>; a machine format (<c>yyyy-MM-dd</c>)
/// appears in a page only where a machine reads it: the <c>datetime</c> attribute of a <c>time</c> element and the
/// value of a date input. The browser check sees the pages a journey visits; this sweep sees every page's source.
/// </summary>
public sealed partial class DatesInWordsTests
{
    [Fact]
    public void PageSources_FormatNoDateForPeopleByHand()
    {
        var pages = Path.Combine(RepositoryFolder.Root, "src", "Vigil.Web", "Pages");

        var found = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => MachineFormat().IsMatch(l.Text) && !MachineAttribute().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(pages, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(found.Count == 0,
            "write a date for people with PageFormat.Day or DateWords, not a machine format:\n"
            + string.Join("\n", found));
    }

    [GeneratedRegex(@"yyyy|ToShortDateString|ToLongDateString|ToString\(""[dDgGuUsR]""\)")]
    private static partial Regex MachineFormat();

    [GeneratedRegex(@"\b(datetime|value)=""@")]
    private static partial Regex MachineAttribute();
}
