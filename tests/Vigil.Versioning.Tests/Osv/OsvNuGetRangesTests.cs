using Vigil.Versioning.Osv;

namespace Vigil.Versioning.Tests.Osv;

public class OsvNuGetRangesTests
{
    // Events as "kind:version" (kind = introduced, fixed, last_affected, limit), ranges as NuGet's normalized strings.
    [Theory]
    [InlineData("introduced:0 fixed:2.0.0", "(, 2.0.0)")]
    [InlineData("introduced:1.0.0 fixed:2.0.0", "[1.0.0, 2.0.0)")]
    [InlineData("introduced:1.0.0 last_affected:1.4.2", "[1.0.0, 1.4.2]")]
    [InlineData("introduced:1.0.0", "[1.0.0, )")]
    [InlineData("introduced:0", "(, )")]
    [InlineData("introduced:1.0.0 fixed:1.2.0 introduced:2.0.0 fixed:2.1.3", "[1.0.0, 1.2.0) [2.0.0, 2.1.3)")]
    [InlineData("fixed:2.1.3 introduced:2.0.0 fixed:1.2.0 introduced:1.0.0", "[1.0.0, 1.2.0) [2.0.0, 2.1.3)")]
    [InlineData("introduced:1.0.0 introduced:1.5.0 fixed:2.0.0", "[1.0.0, 2.0.0)")]
    [InlineData("introduced:1.0.0 limit:1.5.0", "[1.0.0, 1.5.0)")]
    [InlineData("introduced:1.0.0 fixed:3.0.0 limit:2.0.0", "[1.0.0, 2.0.0)")]
    [InlineData("introduced:3.0.0 limit:2.0.0", "")]
    [InlineData("introduced:1.0.0 limit:*", "[1.0.0, )")]
    [InlineData("introduced:1.0.0-beta.1 fixed:1.0.0", "[1.0.0-beta.1, 1.0.0)")]
    [InlineData("introduced:0 fixed:not-a-version", "(, )")]
    [InlineData("fixed:1.0.0", "")]
    public void ToVersionRanges_Events_ReturnsNuGetRanges(string events, string expected)
    {
        var range = new OsvRange(OsvRange.Ecosystem, Parse(events));
        Assert.Equal(expected,
            string.Join(' ', OsvNuGetRanges.ToVersionRanges(range).Select(r => r.ToNormalizedString())));
    }

    [Theory]
    [InlineData("introduced:1.0.0 fixed:2.0.0", "1.0.0 2.5.0", "[1.0.0, 2.0.0) [2.5.0, 2.5.0]")]
    [InlineData("", "1.2.3", "[1.2.3, 1.2.3]")]
    [InlineData("introduced:0 fixed:2.0.0", "1.0.0.0 0.9.0", "(, 2.0.0)")]
    public void ToVersionRanges_ListedVersions_AddedWhenNoRangeCoversThem(string events, string versions,
        string expected)
    {
        OsvRange[] ranges = events.Length == 0 ? [] : [new OsvRange(OsvRange.Ecosystem, Parse(events))];
        var affected = new OsvAffected("NuGet", ranges, versions.Split(' '));
        Assert.Equal(expected,
            string.Join(' ', OsvNuGetRanges.ToVersionRanges(affected).Select(r => r.ToNormalizedString())));
    }

    [Fact]
    public void ToVersionRanges_GitRange_Ignored()
    {
        var affected = new OsvAffected("NuGet",
            [new OsvRange(OsvRange.Git, [OsvEvent.Introduced("0"), OsvEvent.Fixed("abc123")])], []);
        Assert.Empty(OsvNuGetRanges.ToVersionRanges(affected));
    }

    // The ranges must mark exactly the versions OSV evaluation marks affected.
    [Theory]
    [InlineData("introduced:1.0.0 fixed:1.2.0 introduced:2.0.0 last_affected:2.1.3")]
    [InlineData("introduced:0 fixed:3.0.0 limit:2.0.0")]
    [InlineData("introduced:1.0.0-rc.1 limit:2.0.0 limit:1.5.0")]
    [InlineData("introduced:0")]
    public void ToVersionRanges_Evaluated_AgreesWithOsvEvaluation(string events)
    {
        var affected = new OsvAffected("NuGet", [new OsvRange(OsvRange.Ecosystem, Parse(events))], ["4.0.0"]);
        var ranges = OsvNuGetRanges.ToVersionRanges(affected);
        string[] probes = ["0.1.0", "1.0.0-rc.1", "1.0.0", "1.1.9", "1.2.0", "1.4.9", "1.5.0", "1.9.9", "2.0.0-beta",
            "2.0.0", "2.1.3", "2.1.3.1", "3.0.0", "4.0.0", "5.0.0"];
        Assert.All(probes,
            p =>
                Assert.Equal(affected.IsAffected(p),
                    ranges.Any(r => NuGetRangeEvaluation.Satisfies(p, r.ToNormalizedString()))));
    }

    private static List<OsvEvent> Parse(string events) =>
        events.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split(':', 2)).Select(p => p[0] switch
        {
            "introduced" => OsvEvent.Introduced(p[1]),
            "fixed" => OsvEvent.Fixed(p[1]),
            "last_affected" => OsvEvent.LastAffected(p[1]),
            _ => OsvEvent.Limit(p[1]),
        }).ToList();
}
