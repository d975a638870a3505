using System.Text.Json.Nodes;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Osv;
using Vigil.Versioning.Tests.Support;

namespace Vigil.Versioning.Tests.Osv;

public class OsvNpmRangesTests
{
    private static OsvRange Range(params OsvEvent[] events) => new(OsvRange.Ecosystem, events);

    public static TheoryData<OsvRange, string> ToNpmCases => new()
    {
        // osv.md § Evaluation: "[{introduced:0},{fixed:1.0.2}] ⇔ <1.0.2"
        { Range(OsvEvent.Introduced("0"), OsvEvent.Fixed("1.0.2")), "<1.0.2" },
        // "[{introduced:1.0.0},{fixed:1.0.2},{introduced:3.0.0},{fixed:3.2.5}] ⇔ >=1.0.0 <1.0.2 || >=3.0.0 <3.2.5"
        {
            Range(OsvEvent.Introduced("1.0.0"), OsvEvent.Fixed("1.0.2"), OsvEvent.Introduced("3.0.0"),
                OsvEvent.Fixed("3.2.5")),
            ">=1.0.0 <1.0.2 || >=3.0.0 <3.2.5" },
        // "[{introduced:0},{last_affected:2.88.2}] ⇔ <=2.88.2"
        { Range(OsvEvent.Introduced("0"), OsvEvent.LastAffected("2.88.2")), "<=2.88.2" },
        // "[{introduced:"2.1.1-0"},{fixed:"3.0.0"}] ⇔ >=2.1.1-0 <3.0.0"
        { Range(OsvEvent.Introduced("2.1.1-0"), OsvEvent.Fixed("3.0.0")), ">=2.1.1-0 <3.0.0" },
        // "introduced: "0" ... sorts before any other version" with no fix: everything.
        { Range(OsvEvent.Introduced("0")), "*" },
        { Range(OsvEvent.Introduced("1.0.0"), OsvEvent.Limit("2.0.0")), ">=1.0.0 <2.0.0" },
        { Range(OsvEvent.Fixed("1.0.0")), "<0.0.0-0" },
    };

    [Theory]
    [MemberData(nameof(ToNpmCases))]
    public void ToNpmRange_Events_ReturnsEquivalentRange(OsvRange range, string expected) =>
        Assert.Equal(expected, OsvNpmRanges.ToNpmRange(range));

    [Fact]
    public void ToNpmRange_VersionsList_JoinedWithOr() =>
        Assert.Equal("<0.0.5 || 1.0.0 || 1.0.1",
            OsvNpmRanges.ToNpmRange(
                new OsvAffected("npm", [Range(OsvEvent.Introduced("0"), OsvEvent.Fixed("0.0.5"))],
                    ["1.0.0", "1.0.1"])));

    public static TheoryData<string, string?> FromNpmCases => new()
    {
        { "<=1.5.1", "introduced:0 last_affected:1.5.1" },
        { ">=1.0.0 <1.2.3", "introduced:1.0.0 fixed:1.2.3" },
        { "<0.2.4 || >=1.0.0 <1.2.6", "introduced:0 fixed:0.2.4 introduced:1.0.0 fixed:1.2.6" },
        // ghsa-converter-testdata npm_greater_than: "> 2.1.0, < 3.0.0" → introduced "2.1.1-0", fixed "3.0.0"
        { "> 2.1.0 < 3.0.0", "introduced:2.1.1-0 fixed:3.0.0" },
        { ">1.0.0-beta <2", "introduced:1.0.0-beta.0 fixed:2.0.0-0" },
        { "1.2.3", "introduced:1.2.3 last_affected:1.2.3" },
        { "*", "introduced:0" },
        { ">=3.0.0 || <1.0.0", "introduced:0 fixed:1.0.0 introduced:3.0.0" },
        // Don't map cleanly: overlap, fixed mixed with last_affected, open both ways, invalid.
        { "<2.0.0 || >=1.0.0 <3.0.0", null },
        { "<1.0.0 || >=2.0.0 <=2.5.0", null },
        { ">=1.0.0 || >=2.0.0", null },
        { "not a range", null },
    };

    [Theory]
    [MemberData(nameof(FromNpmCases))]
    public void FromNpmRange_Range_ReturnsEventsOrNull(string npmRange, string? expected)
    {
        var range = OsvNpmRanges.FromNpmRange(npmRange);
        Assert.Equal(expected,
            range is null ? null : string.Join(' ', range.Events.Select(e => $"{e.Key}:{e.Version}")));
    }

    // Evaluating the OSV entry (spec § Evaluation) must agree with npm audit evaluating the converted
    // range, for every npm affected[] of the stored GHSA examples.
    [Fact]
    public void ToNpmRange_GhsaExamples_EvaluatesLikeOsv()
    {
        var dir = SpecFiles.Require("osv/examples");
        var failures = new List<string>();
        foreach (var file in Directory.GetFiles(dir, "*.json"))
        {
            foreach (var affected in OsvJson.Affected(JsonNode.Parse(File.ReadAllText(file))!)
                .Where(a => a.Ecosystem == "npm"))
            {
                var npm = OsvNpmRanges.ToNpmRange(affected)!;
                var bounds = affected.Ranges.SelectMany(r => r.Events).Select(e => e.Version).Concat(affected.Versions);
                failures.AddRange(OsvJson.Probes(bounds)
                    .Where(p => affected.IsAffected(p) != NpmSemver.Satisfies(p, npm, NpmSemverOptions.NpmAudit))
                    .Select(p => $"{Path.GetFileName(file)} {npm}: {p}"));
            }
        }

        Assert.Empty(failures);
    }

    // Round trip: npm → OSV → evaluation agrees with the npm range itself (npm audit options).
    [Theory]
    [InlineData("<=1.5.1")]
    [InlineData(">=1.0.0 <1.2.3")]
    [InlineData("<0.2.4 || >=1.0.0 <1.2.6")]
    [InlineData("> 2.1.0 < 3.0.0")]
    [InlineData("^1.2.3 || ~0.4.1")]
    [InlineData("1.2.x || 2.0.0 - 2.1.0")]
    public void FromNpmRange_RoundTrip_EvaluatesLikeNpm(string npmRange)
    {
        var affected = new OsvAffected("npm", [OsvNpmRanges.FromNpmRange(npmRange)!], []);
        var bounds = affected.Ranges[0].Events.Select(e => e.Version);
        Assert.All(OsvJson.Probes(bounds),
            p => Assert.Equal(NpmSemver.Satisfies(p, npmRange, NpmSemverOptions.NpmAudit), affected.IsAffected(p)));
    }

    // ghsa-converter-testdata: the expected OSV of each npm advisory evaluates like GitHub's
    // vulnerableVersionRange union, except where the converter deliberately widens: "= 2.0.0" with
    // patch 2.0.1 becomes [2.0.0, 2.0.1) (adds 2.0.1's prereleases); "<= 1.2.1" without a patch
    // becomes introduced "0" alone (everything). Each mismatch must fall in the stated widening.
    [Theory]
    [InlineData("npm_greater_than", "<0.0.0-0")]
    [InlineData("equals_with_patch", ">=2.0.1-0 <2.0.1")]
    [InlineData("less_than_equals_no_patch", ">1.2.1")]
    public void ConverterTestdata_ExpectedOsv_MatchesGitHubRangesUpToWidening(string name, string widening)
    {
        var github = JsonNode.Parse(File.ReadAllText(SpecFiles.Require($"osv/ghsa-converter-testdata/{name}.json")))!;
        var osv = JsonNode.Parse(File.ReadAllText(SpecFiles.Require($"osv/ghsa-converter-testdata/{name}.osv.json")))!;
        var ranges = Find(github, "vulnerableVersionRange")
            .Select(r => r.Replace(",", string.Empty, StringComparison.Ordinal)).ToList();
        var npm = string.Join(" || ", ranges);
        var affected = OsvJson.Affected(osv).Single();
        var probes = OsvJson.Probes(ranges.SelectMany(r => r.Split(' ')).Select(t => t.TrimStart('<', '>', '=')))
            .ToList();
        var mismatches = probes.Where(
            p => affected.IsAffected(p) != NpmSemver.Satisfies(p, npm, NpmSemverOptions.NpmAudit)).ToList();
        Assert.All(mismatches,
            p => Assert.True(NpmSemver.Satisfies(p, widening, NpmSemverOptions.NpmAudit) && affected.IsAffected(p), p));
        Assert.All(ranges, r => Assert.NotNull(OsvNpmRanges.FromNpmRange(r)));
    }

    private static IEnumerable<string> Find(JsonNode? node, string property) => node switch
    {
        JsonObject o =>
            o.SelectMany(
                p => p.Key == property && p.Value is JsonValue v ? [v.GetValue<string>()] : Find(p.Value, property)),
        JsonArray a => a.SelectMany(item => Find(item, property)),
        _ => [],
    };
}
