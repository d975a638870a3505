using System.Text.Json;
using CsCheck;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Publication;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Osv;

namespace Vigil.Core.Tests.Publication;

/// <summary>
/// What is published for a package is derived from the reported range and the fixed versions exactly, and
/// never leaves out a version that was reported affected: checked on examples, then on generated ranges
/// and fixes through the same path a report takes (derive, build the OSV document, read it back as the
/// npm range clients get and as OSV evaluation).
/// </summary>
public class PublishedRangeTests
{
    private static readonly EcosystemVersions Npm = EcosystemVersions.For("npm")!;
    private static readonly EcosystemVersions NuGet = EcosystemVersions.For("NuGet")!;

    [Theory]
    // No fix yet: the last interval is open-ended (the publication rule).
    [InlineData("<=1.4.1", "", "<=1.4.1", "*")]
    // The fix closes the interval below it; versions between the reported end and the fix are named too.
    [InlineData("<=1.4.1", "1.4.2", "<=1.4.1", "<1.4.2")]
    [InlineData("<1.4.2", "1.4.2", "<1.4.2", "<1.4.2")]
    // One fix per release line.
    [InlineData(">=1.0.0 <1.2.5 || >=2.0.0 <2.1.1", "1.2.5,2.1.1", ">=1.0.0 <1.2.5 || >=2.0.0 <2.1.1",
        ">=1.0.0 <1.2.5 || >=2.0.0 <2.1.1")]
    [InlineData(">=1.0.0 <=1.2.4 || >=2.0.0 <=2.1.0", "1.3.0,2.2.0", ">=1.0.0 <=1.2.4 || >=2.0.0 <=2.1.0",
        ">=1.0.0 <1.3.0 || >=2.0.0 <2.2.0")]
    // A fix only for the older line: the newer line has none, so it stays open.
    [InlineData("<1.2.0 || >=2.0.0 <=2.3.1", "1.2.0", "<1.2.0 || >=2.0.0 <=2.3.1", "<1.2.0 || >=2.0.0")]
    // A fix only for the newer line: the older line keeps its reported end.
    [InlineData("<1.2.0 || >=2.0.0 <2.1.0", "2.1.0", "<1.2.0 || >=2.0.0 <2.1.0", "<1.2.0 || >=2.0.0 <2.1.0")]
    // An exclusive lower bound starts at the next version in node-semver order.
    [InlineData(">1.0.0 <=1.4.1", "1.5.0", ">1.0.0 <=1.4.1", ">=1.0.1-0 <1.5.0")]
    // Overlapping and touching alternatives are one interval.
    [InlineData(">=1.0.0 <1.3.0 || >=1.2.0 <=1.4.1", "1.5.0", ">=1.0.0 <=1.4.1", ">=1.0.0 <1.5.0")]
    // Caret and tilde ranges are intervals too.
    [InlineData("^1.2.0", "2.0.0", ">=1.2.0 <2.0.0-0", ">=1.2.0 <2.0.0")]
    public void Derive_Npm_PublishesTheReportedRangeEndedByItsFixes(string reported, string fixes, string intervals,
        string published)
    {
        var parsed = Npm.ParseRange(reported)!;
        Assert.Equal(intervals, Npm.FormatRange(parsed));

        var affected = Build("npm", parsed, Split(fixes));

        Assert.Equal(published, AffectedRanges.ToNpmRange(affected));
    }

    [Fact]
    public void Derive_LastAffectedAndOpenIntervals_TwoRangesBecauseOsvForbidsMixingFixedAndLastAffected()
    {
        var affected = Build("npm", Npm.ParseRange(">=1.0.0 <1.2.0 || >=1.5.0 <=1.6.0 || >=2.0.0 <=2.0.3")!, ["1.2.0"]);

        Assert.Equal(
            """
            [[{"introduced":"1.0.0"},{"fixed":"1.2.0"},{"introduced":"2.0.0"}],[{"introduced":"1.5.0"},{"last_affected":"1.6.0"}]]
            """,
            JsonSerializer.Serialize(affected.Ranges!.Select(r => r.Events), OsvJson.Options));
        Assert.Equal(">=1.0.0 <1.2.0 || >=2.0.0 || >=1.5.0 <=1.6.0", AffectedRanges.ToNpmRange(affected));
    }

    [Theory]
    [InlineData("[1.0.0, 1.4.2)", "1.4.2", """[{"introduced":"1.0.0"},{"fixed":"1.4.2"}]""")]
    [InlineData("(, 1.4.1]", "1.5.0", """[{"introduced":"0"},{"fixed":"1.5.0"}]""")]
    [InlineData("[1.0.0, 1.4.1]", "", """[{"introduced":"1.0.0"}]""")]
    // NuGet has no successor version: an exclusive lower bound names the bound itself (one more, never one fewer).
    [InlineData("(1.0.0, 2.0.0)", "2.0.0", """[{"introduced":"1.0.0"},{"fixed":"2.0.0"}]""")]
    public void Derive_NuGet_PublishesTheReportedIntervalEndedByTheFix(string reported, string fixes, string events)
    {
        var affected = Build("NuGet", NuGet.ParseRange(reported)!, Split(fixes));

        var range = Assert.Single(affected.Ranges!);
        Assert.Equal("ECOSYSTEM", range.Type);
        Assert.Equal(events, JsonSerializer.Serialize(range.Events, OsvJson.Options));
    }

    [Theory]
    [InlineData("<=1.4.1", "1.0.0", FixPlacement.InsideRange)]
    [InlineData("<=1.4.1", "1.4.1", FixPlacement.InsideRange)]
    [InlineData("<=1.4.1", "1.4.2", FixPlacement.Valid)]
    [InlineData("<1.4.2", "1.4.2", FixPlacement.Valid)]
    [InlineData(">=1.0.0 <=1.4.1", "0.9.0", FixPlacement.BelowRange)]
    [InlineData(">=1.0.0 <1.2.0 || >=2.0.0", "1.5.0", FixPlacement.Valid)]
    [InlineData(">=1.0.0 <1.2.0 || >=2.0.0", "2.3.0", FixPlacement.InsideRange)]
    [InlineData("*", "9.9.9", FixPlacement.InsideRange)]
    public void Place_AFix_InsideBelowOrAboveTheReportedVersions(string reported, string fix, FixPlacement expected) =>
        Assert.Equal(expected, PublishedRange.Place(Npm, Npm.ParseRange(reported)!, fix));

    [Theory]
    [InlineData("<=1.4.1", "1.0.0", "<1.0.0")]
    [InlineData(">=1.0.0 <=1.4.1 || >=2.0.0 <2.2.0", "1.1.0,2.1.0", ">=1.0.0 <1.1.0 || >=2.0.0 <2.1.0")]
    [InlineData(">=1.0.0 <=1.4.1", "1.0.0", "<0.0.0-0")]
    public void NarrowTo_FixesInside_CutsEachIntervalBelowItsLowestFix(string reported, string fixes,
        string narrowed) =>
        Assert.Equal(narrowed, Npm.FormatRange(PublishedRange.NarrowTo(Npm, Npm.ParseRange(reported)!, Split(fixes))));

    /// <summary>Versions 0.0.0 … 3.3.3: enough to land bounds and fixes inside, between and above generated
    /// intervals.</summary>
    private static readonly string[] Universe =
        [
            .. from major in Enumerable.Range(0, 4) from minor in Enumerable.Range(0,
                4) from patch in Enumerable.Range(0, 4) select $"{major}.{minor}.{patch}"];

    private static readonly Gen<string> Version = Gen.Int[0, Universe.Length - 1].Select(i => Universe[i]);

    private static readonly Gen<string> Alternative = Gen.OneOf(
        Version.Select(v => "<=" + v),
        Version.Select(v => "<" + v),
        Version.Select(v => ">=" + v),
        Version.Select(v => v),
        Gen.Select(Version, Version, (a, b) => $">={a} <{b}"),
        Gen.Select(Version, Version, (a, b) => $">{a} <={b}"),
        Gen.Select(Version, Version, (a, b) => $">={a} <={b}"));

    /// <summary>A range that names at least one version (intake refuses one that names none) and up to three
    /// fixes.</summary>
    private static readonly Gen<(string Range, string[] Fixes)> Case = Gen.Select(
        Alternative.Array[1, 3].Select(parts => string.Join(" || ", parts))
            .Where(range => Npm.ParseRange(range)!.Count > 0),
        Version.Array[0, 3]);

    [Fact]
    public void Derive_GeneratedRangesAndFixes_EveryReportedVersionStaysAffectedAndNoFixIs() =>
        Case.Sample(c =>
        {
            var reported = NpmRange.Parse(c.Range, NpmSemverOptions.NpmAudit);
            var intervals = Npm.ParseRange(c.Range)!;
            var fixes = c.Fixes.Where(f => PublishedRange.Place(Npm, intervals, f) == FixPlacement.Valid).ToArray();
            var affected = Build("npm", intervals, fixes);
            var clientRange = NpmRange.Parse(AffectedRanges.ToNpmRange(affected) ?? "<0.0.0-0",
                NpmSemverOptions.NpmAudit);
            var evaluation = AffectedRanges.ToEvaluation(affected);
            foreach (var version in Universe)
            {
                var published = OsvRangeEvaluation.IsAffected(evaluation, version);
                Assert.Equal(published, clientRange.IsSatisfiedBy(version));
                if (reported.IsSatisfiedBy(version))
                {
                    Assert.True(published,
                        $"{version} was reported affected by '{c.Range}' but is not after publishing with fixes "
                            + $"[{string.Join(", ", fixes)}].");
                }
                if (fixes.Contains(version))
                {
                    Assert.False(published, $"the fix {version} of '{c.Range}' is published as affected.");
                }
            }
        }, iter: 3000, seed: "0N0XIzNsQ0O2");

    [Fact]
    public void NarrowTo_GeneratedRangesAndInsideFixes_ReportedVersionsBelowTheFixStayAffected() =>
        Case.Sample(c =>
        {
            var reported = NpmRange.Parse(c.Range, NpmSemverOptions.NpmAudit);
            var intervals = Npm.ParseRange(c.Range)!;
            var narrowed = PublishedRange.NarrowTo(Npm, intervals, c.Fixes);
            if (narrowed.Count == 0)
            {
                return; // a fix at the first reported version leaves nothing: refused when marking fixed
            }
            var fixes = c.Fixes.Where(f => PublishedRange.Place(Npm, narrowed, f) == FixPlacement.Valid).ToArray();
            var evaluation = AffectedRanges.ToEvaluation(Build("npm", narrowed, fixes));
            foreach (var version in Universe)
            {
                var belowEveryFix = c.Fixes.All(f => Npm.Compare(version, f) < 0);
                if (reported.IsSatisfiedBy(version) && belowEveryFix)
                {
                    Assert.True(OsvRangeEvaluation.IsAffected(evaluation, version),
                        $"{version} of '{c.Range}' below every fix [{string.Join(", ", c.Fixes)}] was dropped.");
                }
            }
        }, iter: 2000, seed: "0N0XIzNsQ0O2");

    private static Core.Advisories.Osv.OsvAffected Build(string ecosystem, IReadOnlyList<VersionInterval> reported,
        IReadOnlyList<string> fixes)
    {
        var package = new DraftPackage(ecosystem, "pkg",
            Intervals: PublishedRange.Derive(EcosystemVersions.For(ecosystem)!, reported, fixes));
        var draft = new AdvisoryDraft("s", "d", [package]);
        DraftValidation.Check(draft, DraftOrigin.Report);
        return Assert.Single(
            DraftToOsv.Build(draft, "X-1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch).Affected!);
    }

    private static string[] Split(string fixes) => fixes.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
