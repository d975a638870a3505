using System.Text.Json.Nodes;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Tests.Support;

namespace Vigil.Versioning.Tests.Npm;

/// <summary>node-semver 7.8.5 relation tables: comparator/range intersection, gtr, ltr.</summary>
public class NpmRelationFixtureTests
{
    public static IEnumerable<TheoryDataRow<int, string>> ComparatorIntersectionRows =>
        SpecFiles.Rows("semver/comparator-intersection.json");

    public static IEnumerable<TheoryDataRow<int, string>> RangeIntersectionRows =>
        SpecFiles.Rows("semver/range-intersection.json");

    public static IEnumerable<TheoryDataRow<int, string>> GtrRows => SpecFiles.Rows("semver/version-gt-range.json");

    public static IEnumerable<TheoryDataRow<int, string>> NotGtrRows =>
        SpecFiles.Rows("semver/version-not-gt-range.json");

    public static IEnumerable<TheoryDataRow<int, string>> LtrRows => SpecFiles.Rows("semver/version-lt-range.json");

    public static IEnumerable<TheoryDataRow<int, string>> NotLtrRows =>
        SpecFiles.Rows("semver/version-not-lt-range.json");

    // comparator-intersection.js: new Comparator(c0).intersects(new Comparator(c1), {includePrerelease}), both ways.
    [Theory]
    [MemberData(nameof(ComparatorIntersectionRows))]
    public void Intersects_ComparatorPair_MatchesExpected(int row, string json)
    {
        var node = JsonNode.Parse(json)!;
        var options = new NpmSemverOptions(IncludePrerelease: NodeOptions.IsTruthy(node["includePrerelease"]));
        var c0 = NpmComparator.Parse(NodeOptions.Text(node["c0"])!);
        var c1 = NpmComparator.Parse(NodeOptions.Text(node["c1"])!);
        bool expected = node["expected"]!.GetValue<bool>();
        Assert.Equal((row, expected, expected), (row, c0.Intersects(c1, options), c1.Intersects(c0, options)));
    }

    // range-intersection.js: intersects(r0, r1) both ways.
    [Theory]
    [MemberData(nameof(RangeIntersectionRows))]
    public void Intersects_RangePair_MatchesExpected(int row, string json)
    {
        var node = JsonNode.Parse(json)!;
        string r0 = NodeOptions.Text(node["r0"])!, r1 = NodeOptions.Text(node["r1"])!;
        bool expected = node["expected"]!.GetValue<bool>();
        Assert.Equal((row, expected, expected), (row, NpmSemver.Intersects(r0, r1), NpmSemver.Intersects(r1, r0)));
    }

    // version-gt-range.js / version-not-gt-range.js: gtr(version, range, options).
    [Theory]
    [MemberData(nameof(GtrRows))]
    public void Gtr_VersionAboveRange_ReturnsTrue(int row, string json) =>
        AssertOutside(json, NpmSemver.Gtr, true, row);

    [Theory]
    [MemberData(nameof(NotGtrRows))]
    public void Gtr_VersionNotAboveRange_ReturnsFalse(int row, string json) =>
        AssertOutside(json, NpmSemver.Gtr, false, row);

    // version-lt-range.js / version-not-lt-range.js: ltr(version, range, options).
    [Theory]
    [MemberData(nameof(LtrRows))]
    public void Ltr_VersionBelowRange_ReturnsTrue(int row, string json) =>
        AssertOutside(json, NpmSemver.Ltr, true, row);

    [Theory]
    [MemberData(nameof(NotLtrRows))]
    public void Ltr_VersionNotBelowRange_ReturnsFalse(int row, string json) =>
        AssertOutside(json, NpmSemver.Ltr, false, row);

    private static void AssertOutside(string json, Func<string, string, NpmSemverOptions, bool> outside, bool expected,
        int row)
    {
        var (range, version, options) = NpmRangeFixtureTests.Read(json);
        Assert.True(expected == outside(version, range, options), $"row {row}: {json}");
    }
}
