using NuGet.Versioning;
using Vigil.Versioning.Osv;

namespace Vigil.Versioning.Tests.Osv;

public class NuGetRangeEvaluationTests
{
    // NuGet version ranges: "[" / "]" inclusive, "(" / ")" exclusive, a bare version means ">=".
    [Theory]
    [InlineData("1.5.0", "[1.0.0, 2.0.0)", true)]
    [InlineData("2.0.0", "[1.0.0, 2.0.0)", false)]
    [InlineData("2.0.0-beta", "[1.0.0, 2.0.0)", true)]
    [InlineData("1.2.3", "(, 1.2.3]", true)]
    [InlineData("1.0.0.1", "1.0.0", true)]
    [InlineData("not-a-version", "1.0.0", false)]
    [InlineData("1.0.0", "[not a range", false)]
    public void Satisfies_VersionAndRange_MatchesNuGetSemantics(string version, string range, bool expected) =>
        Assert.Equal(expected, NuGetRangeEvaluation.Satisfies(version, range));

    [Theory]
    [InlineData("[1.0.0, 2.0.0)", "introduced:1.0.0 fixed:2.0.0")]
    [InlineData("(, 1.2.3]", "introduced:0 last_affected:1.2.3")]
    [InlineData("1.0.0", "introduced:1.0.0")]
    [InlineData("(1.0.0, 2.0.0)", null)]
    [InlineData("1.*", null)]
    public void ToOsvRange_NuGetRange_ReturnsEventsOrNull(string range, string? expected)
    {
        var osv = NuGetRangeEvaluation.ToOsvRange(VersionRange.Parse(range));
        Assert.Equal(expected, osv is null ? null : string.Join(' ', osv.Events.Select(e => $"{e.Key}:{e.Version}")));
    }

    [Theory]
    [InlineData("[1.0.0, 2.0.0)")]
    [InlineData("(, 1.2.3]")]
    public void ToOsvRange_Evaluated_AgreesWithVersionRange(string range)
    {
        var affected = new OsvAffected("NuGet", [NuGetRangeEvaluation.ToOsvRange(VersionRange.Parse(range))!], []);
        string[] probes = ["0.1.0", "1.0.0-rc.1", "1.0.0", "1.2.3", "1.2.4-0", "1.9.9", "2.0.0-beta", "2.0.0",
            "2.0.0.1"];
        Assert.All(probes, p => Assert.Equal(NuGetRangeEvaluation.Satisfies(p, range), affected.IsAffected(p)));
    }
}
