using Vigil.Core.Advisories.Osv;
using Vigil.Web.Pages.Advisories;

namespace Vigil.Web.Tests.Pages.Advisories;

public class RangeWordsTests
{
    private static OsvEventModel E(string kind, string version) => kind switch
    {
        "introduced" => new() { Introduced = version },
        "fixed" => new() { Fixed = version },
        "last_affected" => new() { LastAffected = version },
        _ => new() { Limit = version },
    };

    [Theory]
    [InlineData("introduced 1.2.0, fixed 1.4.3", "from 1.2.0 up to but not including 1.4.3")]
    [InlineData("introduced 0, fixed 1.0.0", "from the first version up to but not including 1.0.0")]
    [InlineData("introduced 0, last_affected 2.88.2", "from the first version up to and including 2.88.2")]
    [InlineData("introduced 3.0.0", "from 3.0.0 and every later version")]
    [InlineData("introduced 1.0.0, fixed 1.1.0, introduced 2.0.0",
        "from 1.0.0 up to but not including 1.1.0|from 2.0.0 and every later version")]
    [InlineData("introduced 0, limit 5.0.0", "from the first version up to but not including 5.0.0 (limit)")]
    public void Describe_Events_ReadsAsWords(string events, string words)
    {
        var range = new OsvRangeModel
        {
            Type = "ECOSYSTEM",
            Events = events.Split(", ").Select(e => e.Split(' ')).Select(p => E(p[0], p[1])).ToList(),
        };

        Assert.Equal(words.Split('|'), RangeWords.Describe(range));
        Assert.Equal(events, RangeWords.Events(range));
    }
}
