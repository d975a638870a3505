using Vigil.Core.Reports;
using Vigil.Web.Pages.Reports;

namespace Vigil.Web.Tests.Pages.Reports;

/// <summary>States, timeline entries and deadlines in words: no machine names, hours turned into days.</summary>
public class ReportWordsTests
{
    private static readonly DateTimeOffset Due = new(2026, 12, 9, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("triage", 29, "Triage due Wednesday 9 December 2026, 14:00 UTC · 1 business day 5 hours left")]
    [InlineData("triage", 0.5, "Triage due Wednesday 9 December 2026, 14:00 UTC · less than an hour left")]
    [InlineData("publication", 1079, "Publication due Wednesday 9 December 2026, 14:00 UTC · 44 days left")]
    [InlineData("publication", 49, "Publication due Wednesday 9 December 2026, 14:00 UTC · 2 days 1 hour left")]
    [InlineData("disclosure", -3, "Disclosure due Wednesday 9 December 2026, 14:00 UTC · overdue by 3 hours")]
    public void Due_Countdown_InWords(string deadline, double hoursLeft, string expected) =>
        Assert.Equal(expected, ReportWords.Due(new Countdown(deadline, Due, TimeSpan.FromHours(hoursLeft))));

    [Fact]
    public void Words_EveryStateAndEventKind_HaveWordsNotMachineNames()
    {
        var states = Enum.GetValues<ReportState>().Select(s => s.Name()).ToList();
        Assert.All(states, s => Assert.DoesNotContain('-', ReportWords.State(s)));
        Assert.All(states, s => Assert.True(char.IsUpper(ReportWords.State(s)[0]), s));
        // A machine name is a PascalCase compound ("StateChanged") or a hyphenated state ("fix-in-progress").
        Assert.All(Enum.GetValues<ReportEventKind>(), kind =>
        {
            var words = ReportWords.Event(
                new TimelineEntry(1, Due, kind.ToString(), "vigil", null, "fix-in-progress", false, null, null));
            Assert.DoesNotMatch("[a-z][A-Z]|-", words);
        });
        Assert.Equal("Moved to Fix in progress",
            ReportWords.Event(
                new TimelineEntry(1, Due, "StateChanged", "vigil", "fixed", "fix-in-progress", false, null, null)));
    }
}
