using System.Text.Json.Nodes;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Tests.Support;

namespace Vigil.Versioning.Tests.Npm;

/// <summary>
/// node-semver 7.8.5 fixture tables (shared/specs/semver, dumped from <c>test/fixtures</c>), row by row.
/// </summary>
public class NpmRangeFixtureTests
{
    public static IEnumerable<TheoryDataRow<int, string>> IncludeRows => SpecFiles.Rows("semver/range-include.json");

    public static IEnumerable<TheoryDataRow<int, string>> ExcludeRows => SpecFiles.Rows("semver/range-exclude.json");

    public static IEnumerable<TheoryDataRow<int, string>> ParseRows => SpecFiles.Rows("semver/range-parse.json");

    public static IEnumerable<TheoryDataRow<int, string>> AuditRows =>
        SpecFiles.Rows("semver/GENERATED-npm-audit-satisfies.json", root => root["rows"]!.AsArray());

    // test/functions/satisfies.js: `satisfies(version, range, options) === true` (and Range#test).
    [Theory]
    [MemberData(nameof(IncludeRows))]
    public void Satisfies_RangeIncludeRow_ReturnsTrue(int row, string json)
    {
        var (range, version, options) = Read(json);
        Assert.True(NpmSemver.Satisfies(version, range, options), $"row {row}: {json}");
        Assert.True(NpmRange.Parse(range, options).IsSatisfiedBy(version), $"row {row}: {json}");
    }

    // range-exclude.js: the same, expecting false.
    [Theory]
    [MemberData(nameof(ExcludeRows))]
    public void Satisfies_RangeExcludeRow_ReturnsFalse(int row, string json)
    {
        var (range, version, options) = Read(json);
        Assert.False(NpmSemver.Satisfies(version, range, options), $"row {row}: {json}");
    }

    // test/ranges/valid.js: `validRange(range, options) === canonical`; null = invalid, '*' = match-all.
    [Theory]
    [MemberData(nameof(ParseRows))]
    public void ValidRange_RangeParseRow_ReturnsCanonicalString(int row, string json)
    {
        var node = JsonNode.Parse(json)!;
        var options = NodeOptions.From(node["options"]);
        Assert.Equal((row, NodeOptions.Text(node["expected"])),
            (row, NpmSemver.ValidRange(NodeOptions.Text(node["range"])!, options)));
    }

    // GENERATED: satisfies() under default options and under npm audit's {loose, includePrerelease}.
    [Theory]
    [MemberData(nameof(AuditRows))]
    public void Satisfies_GeneratedRow_MatchesBothOptionSets(int row, string json)
    {
        var node = JsonNode.Parse(json)!;
        // One exclude row passes `false` as the version: our string API sees null (not satisfied).
        string range = NodeOptions.Text(node["range"])!;
        string? version = NodeOptions.Text(node["version"]);
        Assert.Equal(
            (row, node["defaultOptions"]!.GetValue<bool>(), node["npmAuditOptions"]!.GetValue<bool>()),
            (row, NpmSemver.Satisfies(version, range, NpmSemverOptions.Default),
                NpmSemver.Satisfies(version, range, NpmSemverOptions.NpmAudit)));
    }

    internal static (string Range, string Version, NpmSemverOptions Options) Read(string json)
    {
        var node = JsonNode.Parse(json)!;
        return (NodeOptions.Text(node["range"])!, NodeOptions.Text(node["version"])!,
            NodeOptions.From(node["options"]));
    }
}
