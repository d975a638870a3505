using Vigil.Versioning.Npm;

namespace Vigil.Versioning.Tests.Npm;

public class NpmRangeTests
{
    // "with includePrerelease e.g. 3.0.0-rc.1 satisfies <3.0.0, and 1.2.3-beta.1 satisfies >=1.0.0 <1.2.3"
    // (semver.md, npm audit's options); by default a prerelease needs a same-tuple prerelease bound.
    [Theory]
    [InlineData("<3.0.0", "3.0.0-rc.1", false, true)]
    [InlineData(">=1.0.0 <1.2.3", "1.2.3-beta.1", false, true)]
    [InlineData("^1.2.3-pr.1", "1.2.3-pr.2", true, true)]
    [InlineData("^1.2.3-pr.1", "1.2.4-alpha", false, true)]
    [InlineData("<  2.0.5", "2.0.4", true, true)]
    [InlineData("<= 2.6.8 || >= 3.0.0 <= 3.0.1", "3.0.1", true, true)]
    public void IsSatisfiedBy_DefaultVersusNpmAudit_DiffersOnPrereleases(string range, string version, bool byDefault,
        bool byAudit)
    {
        Assert.Equal(byDefault, NpmRange.Parse(range).IsSatisfiedBy(NpmVersion.Parse(version)));
        Assert.Equal(byAudit,
            NpmRange.Parse(range, NpmSemverOptions.NpmAudit)
                .IsSatisfiedBy(NpmVersion.Parse(version, NpmSemverOptions.NpmAudit)));
    }

    [Theory]
    [InlineData("1.2.7 || >=1.2.9 <2.0.0", ">=1.2.9 <2.0.0||1.2.7")]
    [InlineData("", "")]
    [InlineData("~1.2", ">=1.2.0 <1.3.0-0")]
    public void ToString_ParsedRange_IsNodeSemversRangeRange(string input, string expected)
    {
        var normalized = NpmRange.Parse(input).ToString();
        Assert.Equal(expected.Split("||").Order(), normalized.Split("||").Order());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("blerg")]
    [InlineData(">=1.0.0 <2 || nope")]
    public void TryParse_Invalid_ReturnsFalse(string? input) => Assert.False(NpmRange.TryParse(input, out _));

    [Fact]
    public void Satisfies_UnparsableInput_ReturnsFalseLikeNodeSemver()
    {
        Assert.False(NpmSemver.Satisfies("1.2.3", "not a range"));
        Assert.False(NpmSemver.Satisfies("not a version", "*"));
        Assert.False(NpmSemver.Satisfies(null, "*"));
    }

    [Fact]
    public void ParseCached_SameInput_ReturnsSameInstance()
    {
        var a = NpmRange.ParseCached(">=1.0.0 <1.2.6 || <0.2.4", NpmSemverOptions.NpmAudit);
        var b = NpmRange.ParseCached(">=1.0.0 <1.2.6 || <0.2.4", NpmSemverOptions.NpmAudit);
        Assert.Same(a, b);
        Assert.NotSame(a, NpmRange.ParseCached(">=1.0.0 <1.2.6 || <0.2.4", NpmSemverOptions.Default));
        Assert.Throws<FormatException>(() => NpmRange.ParseCached("blerg"));
    }

    [Fact]
    public void IsSatisfiedBy_ParsedRangeAndVersion_DoesNotAllocate()
    {
        var range = NpmRange.Parse("^1.2.3-beta.1 || >=2.0.0 <3.0.0-0 || 4.x", NpmSemverOptions.NpmAudit);
        var versions = new[] { "1.2.3-beta.2", "2.5.0", "3.0.0-rc.1", "4.1.0",
            "0.1.0" }.Select(v => NpmVersion.Parse(v)).ToArray();
        foreach (var v in versions)
        {
            range.IsSatisfiedBy(v); // warm up
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int hits = 0;
        for (int i = 0; i < 1000; i++)
        {
            foreach (var v in versions)
            {
                hits += range.IsSatisfiedBy(v) ? 1 : 0;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(3000, hits); // 3.0.0-rc.1 is above <3.0.0-0; 0.1.0 is below everything
    }
}
