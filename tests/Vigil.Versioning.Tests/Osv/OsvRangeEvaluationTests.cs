using Vigil.Versioning.Osv;

namespace Vigil.Versioning.Tests.Osv;

public class OsvRangeEvaluationTests
{
    private static OsvAffected Npm(params OsvEvent[] events) =>
        new("npm", [new OsvRange(OsvRange.Ecosystem, events)], []);

    private static OsvAffected SemVer(params OsvEvent[] events) =>
        new("npm", [new OsvRange(OsvRange.Semver, events)], []);

    // Spec § Examples, "Unfixed vulnerability": `introduced: "0"` alone — "every possible version is affected".
    [Theory]
    [InlineData("0.0.0")]
    [InlineData("0.0.1-alpha")]
    [InlineData("99999.0.0")]
    public void IsAffected_IntroducedZeroOnly_EveryVersion(string version) =>
        Assert.True(SemVer(OsvEvent.Introduced("0")).IsAffected(version));

    // "Fixed vulnerability example": "everything before 1.0.2 is affected" (SemVer precedence, so 1.0.2-rc.1 too).
    [Theory]
    [InlineData("1.0.1", true)]
    [InlineData("1.0.2-rc.1", true)]
    [InlineData("1.0.2", false)]
    [InlineData("2.0.0", false)]
    public void IsAffected_IntroducedZeroFixed_BeforeFix(string version, bool expected) =>
        Assert.Equal(expected, SemVer(OsvEvent.Introduced("0"), OsvEvent.Fixed("1.0.2")).IsAffected(version));

    // "Multiple range example": "versions in the SemVer ranges [1.0.0, 1.0.2) or [3.0.0, 3.2.5) are affected".
    [Theory]
    [InlineData("0.9.9", false)]
    [InlineData("1.0.0", true)]
    [InlineData("1.0.1", true)]
    [InlineData("1.0.2", false)]
    [InlineData("2.5.0", false)]
    [InlineData("3.0.0", true)]
    [InlineData("3.2.4", true)]
    [InlineData("3.2.5", false)]
    public void IsAffected_TwoIntervals_HalfOpenUnion(string version, bool expected) =>
        Assert.Equal(expected,
            SemVer(OsvEvent.Introduced("1.0.0"), OsvEvent.Fixed("1.0.2"), OsvEvent.Introduced("3.0.0"),
                OsvEvent.Fixed("3.2.5")).IsAffected(version));

    // "`last_affected` vs `fixed`": "present in all versions ... up to and including version 2.1.214".
    [Theory]
    [InlineData("2.1.214", true)]
    [InlineData("2.1.215-0", false)]
    [InlineData("2.1.215", false)]
    public void IsAffected_LastAffected_Inclusive(string version, bool expected) =>
        Assert.Equal(expected, Npm(OsvEvent.Introduced("0"), OsvEvent.LastAffected("2.1.214")).IsAffected(version));

    // BeforeLimits: "if no limit events ... implicit '*'"; otherwise v must be below some limit.
    [Theory]
    [InlineData("1.5.0", "2.0.0", true)]
    [InlineData("2.0.0", "2.0.0", false)]
    [InlineData("7.0.0", "*", true)]
    public void IsAffected_Limit_CapsTheRange(string version, string limit, bool expected) =>
        Assert.Equal(expected, Npm(OsvEvent.Introduced("1.0.0"), OsvEvent.Limit(limit)).IsAffected(version));

    // "for evt in sorted(range.events)": event order in the file doesn't matter (ghsa-converter
    // testdata equals_with_patch lists introduced 0, introduced 2.0.0, fixed 2.0.1, fixed 1.3.2).
    [Theory]
    [InlineData("1.3.1", true)]
    [InlineData("1.3.2", false)]
    [InlineData("2.0.0", true)]
    [InlineData("2.0.1", false)]
    public void IsAffected_UnsortedEvents_SortedByVersion(string version, bool expected) =>
        Assert.Equal(expected,
            SemVer(OsvEvent.Introduced("0"), OsvEvent.Introduced("2.0.0"), OsvEvent.Fixed("2.0.1"),
                OsvEvent.Fixed("1.3.2")).IsAffected(version));

    // IncludedInVersions: listed versions are affected whatever the ranges say.
    [Theory]
    [InlineData("0.0.8", true)]
    [InlineData("v0.0.8", true)]
    [InlineData("0.0.9", false)]
    public void IsAffected_VersionsList_ListedOnly(string version, bool expected) =>
        Assert.Equal(expected, new OsvAffected("npm", [], ["0.0.8"]).IsAffected(version));

    // ECOSYSTEM ordering is the ecosystem's: NuGet has 4-part versions npm can't read.
    [Theory]
    [InlineData("1.0.0", true)]
    [InlineData("1.0.0.1", false)]
    [InlineData("1.0.0-beta", false)]
    [InlineData("0.9.0.5", false)]
    public void IsAffected_NuGetEcosystem_UsesNuGetOrder(string version, bool expected) =>
        Assert.Equal(expected,
            new OsvAffected("NuGet",
                [new OsvRange(OsvRange.Ecosystem, [OsvEvent.Introduced("1.0.0"), OsvEvent.Fixed("1.0.0.1")])],
                []).IsAffected(version));

    // Other ecosystems fall back to SemVer 2.0 precedence after padding (v2 → 2.0.0).
    [Theory]
    [InlineData("1.9", true)]
    [InlineData("v2", false)]
    [InlineData("2.0.0rc1", true)]
    public void IsAffected_OtherEcosystem_SemVerFallbackWithCoercion(string version, bool expected) =>
        Assert.Equal(expected,
            new OsvAffected("PyPI",
                [new OsvRange(OsvRange.Ecosystem, [OsvEvent.Introduced("1.0"), OsvEvent.Fixed("2")])],
                []).IsAffected(version));

    // GIT: "The repository's commit graph is needed to evaluate whether a given version is in the range."
    [Fact]
    public void IsAffected_GitRange_NeverMatchesVersionStrings() =>
        Assert.False(
            new OsvAffected("npm", [new OsvRange(OsvRange.Git, [OsvEvent.Introduced("0")])], []).IsAffected("1.0.0"));
}
