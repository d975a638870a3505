using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Imports.NodejsWg;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Osv;
using static Vigil.Core.Tests.Imports.ImportFixture;

namespace Vigil.Core.Tests.Imports;

public class NpmRangeEventsTests
{
    /// <summary>
    /// OSV schema § Evaluation: "[{introduced:0},{fixed:1.0.2}] ⇔ &lt;1.0.2 … [{introduced:0},{last_affected:2.88.2}]
    /// ⇔ &lt;=2.88.2". Ranges are read as npm audit reads them (loose, includePrerelease), so partial
    /// versions carry node-semver's "-0" bounds. " | " separates OSV ranges.
    /// </summary>
    [Theory]
    [InlineData("<=1.5.1", "introduced:0 last_affected:1.5.1")]
    [InlineData("<3.23.6", "introduced:0 fixed:3.23.6")]
    [InlineData("< 1.1.1", "introduced:0 fixed:1.1.1")]
    [InlineData("*", "introduced:0")]
    [InlineData(">=2.0.0", "introduced:2.0.0")]
    [InlineData("2.3.21", "introduced:2.3.21 last_affected:2.3.21")]
    [InlineData("=3.0.0-rc.1", "introduced:3.0.0-rc.1 last_affected:3.0.0-rc.1")]
    [InlineData(">=1.7.1 <=1.8.3", "introduced:1.7.1 last_affected:1.8.3")]
    [InlineData("<1.4.1 || >=2.0.0 <2.17.2", "introduced:0 fixed:1.4.1 introduced:2.0.0 fixed:2.17.2")]
    [InlineData("<2.0.18 || <3.0.16 || <3.1.6 || <4.0.8 || <5.0.0-beta.5", "introduced:0 fixed:5.0.0-beta.5")]
    [InlineData(">=2.2.6 <2.47.0 || >2.51.0 <=2.67.0",
        "introduced:2.2.6 fixed:2.47.0 | introduced:2.51.1-0 last_affected:2.67.0")]
    [InlineData("<=0.9.4 || 1.0.0", "introduced:0 last_affected:0.9.4 introduced:1.0.0 last_affected:1.0.0")]
    [InlineData("2.0.x || 2.1.x", "introduced:2.0.0-0 fixed:2.2.0-0")]
    [InlineData("<= 1.0", "introduced:0 fixed:1.1.0-0")]
    [InlineData("<3.11 || >= 4 <4.5", "introduced:0 fixed:3.11.0-0 introduced:4.0.0-0 fixed:4.5.0-0")]
    [InlineData("~0.8.0-pre", "introduced:0.8.0-pre fixed:0.9.0-0")]
    [InlineData("^1.2.3", "introduced:1.2.3 fixed:2.0.0-0")]
    [InlineData("1.2.3 - 2.3", "introduced:1.2.3-0 fixed:2.4.0-0")]
    [InlineData(">=5.0.3 >=4.2.1", "introduced:5.0.3")]
    [InlineData("<=v2.0.0-alpha7", "introduced:0 last_affected:2.0.0-alpha7")]
    [InlineData(">1.2.3-beta <2", "introduced:1.2.3-beta.0 fixed:2.0.0-0")]
    [InlineData("<1.0.0 >2.0.0", "")]
    public void ToRanges_NpmRange_GivesEquivalentOsvEvents(string range, string expected)
    {
        var ranges = NpmRangeEvents.ToRanges(NpmRange.Parse(range, NpmSemverOptions.NpmAudit));

        var text = string.Join(" | ", ranges.Select(r => string.Join(' ', r.Events.Select(e =>
            e.Introduced is { } i ? "introduced:" + i : e.Fixed is { } f ? "fixed:" + f
                : "last_affected:" + e.LastAffected))));
        Assert.Equal(expected, text);
        Assert.All(ranges, r => Assert.Equal("SEMVER", r.Type));
    }

    /// <summary>
    /// For every range in the WG database: the events match exactly the versions npm audit's
    /// <c>satisfies</c> matches (Vigil.Versioning's node-semver port), over every version the range
    /// names and its neighbours, prereleases included.
    /// </summary>
    [Fact]
    public void ToRanges_EveryWgRange_MatchesTheSameVersionsAsNpmAudit()
    {
        var ranges = WgRanges();
        var disagreements = new List<string>();

        foreach (var text in ranges)
        {
            var range = NpmRange.Parse(text, NpmSemverOptions.NpmAudit);
            var osv = NpmRangeEvents.ToRanges(range);
            foreach (var version in Probes(range))
            {
                if (range.IsSatisfiedBy(version) != osv.Any(r => Affects(r, version)))
                {
                    disagreements.Add($"{text} @ {version}");
                }
            }
        }

        Assert.True(ranges.Count > 100);
        Assert.Empty(disagreements);
    }

    /// <summary>
    /// Where Vigil.Versioning's converter gives events (disjoint intervals of one kind), they affect the
    /// same versions. The events are the same too, except that this converter merges adjacent intervals
    /// (<c>2.0.x || 2.1.x</c>: one interval instead of "fixed 2.1.0-0, introduced 2.1.0-0", whose order
    /// an evaluator sorting by version may not keep).
    /// </summary>
    [Fact]
    public void ToRanges_EveryWgRange_AgreesWithVersioningWhereItAnswers()
    {
        var answered = 0;
        var disagreements = new List<string>();
        foreach (var text in WgRanges())
        {
            if (OsvNpmRanges.FromNpmRange(text) is not { } expected)
            {
                continue;
            }
            answered++;
            var range = NpmRange.Parse(text, NpmSemverOptions.NpmAudit);
            var actual = Assert.Single(NpmRangeEvents.ToRanges(range));
            var theirs = new Vigil.Versioning.Osv.OsvAffected("npm", [expected], []);
            var same = expected.Events.Select(e => (e.Key, e.Version)).SequenceEqual(actual.Events.Select(Pair));
            if (!same && Probes(range).Any(v => theirs.IsAffected(v.ToString()) != Affects(actual, v)))
            {
                disagreements.Add($"{text}: {expected} vs {string.Join(", ", actual.Events.Select(Pair))}");
            }
        }

        Assert.True(answered > 400);
        Assert.Empty(disagreements);
    }

    /// <summary>
    /// A <c>SEMVER</c> range promises SemVer 2.0 versions: every event of every WG range is "0" or a
    /// version the grammar of semver.org (its recommended regular expression) accepts, so a client that
    /// reads only <c>SEMVER</c> ranges with a strict SemVer parser can evaluate all of them.
    /// </summary>
    [Fact]
    public void ToRanges_EveryWgRange_WritesStrictSemVerEvents()
    {
        var strict = new System.Text.RegularExpressions.Regex(
            @"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
            + @"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + @"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$");
        var events = WgRanges()
            .SelectMany(text => NpmRangeEvents.ToRanges(NpmRange.Parse(text, NpmSemverOptions.NpmAudit)))
            .SelectMany(r => r.Events.Select(Pair))
            .ToList();

        Assert.True(events.Count > 800);
        Assert.DoesNotContain(events, e => !(e.Item1 == "introduced" && e.Item2 == "0") && !strict.IsMatch(e.Item2));
    }

    private static (string, string) Pair(OsvEventModel e) =>
        e.Introduced is { } i ? ("introduced", i) : e.Fixed is { } f ? ("fixed", f) : e.LastAffected is { } l
            ? ("last_affected", l) : ("limit", e.Limit!);

    private static List<string> WgRanges() =>
        Directory.EnumerateFiles(Path.Combine(WgVuln, "npm"), "*.json")
            .Where(f => !f.EndsWith("index.json", StringComparison.Ordinal))
            .SelectMany(
                f =>
                    JsonNode.Parse(File.ReadAllText(f)) is JsonObject o
                        ? new[] { o["vulnerable_versions"], o["patched_versions"] } : [])
            .Select(n => n?.GetValue<string>())
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>OSV schema § Evaluation, for events written in ascending order.</summary>
    private static bool Affects(OsvRangeModel range, NpmVersion version)
    {
        var affected = false;
        foreach (var e in range.Events)
        {
            if (e.Introduced is { } introduced && (introduced == "0" || NpmVersion.Parse(introduced) <= version))
            {
                affected = true;
            }
            else if (e.Fixed is { } fixedAt && NpmVersion.Parse(fixedAt) <= version)
            {
                affected = false;
            }
            else if (e.LastAffected is { } last && NpmVersion.Parse(last) < version)
            {
                affected = false;
            }
        }
        return affected;
    }

    private static IEnumerable<NpmVersion> Probes(NpmRange range)
    {
        var named = range.ComparatorSets.SelectMany(set => set).Where(c => !c.IsAny).Select(c => c.Version!).ToList();
        named.Add(NpmVersion.Parse("0.0.0"));
        named.Add(NpmVersion.Parse("999.0.0"));
        foreach (var v in named)
        {
            yield return v;
            foreach (var text in new[]
            {
                $"{v.Major}.{v.Minor}.{v.Patch}", $"{v.Major}.{v.Minor}.{v.Patch}-0",
                $"{v.Major}.{v.Minor}.{v.Patch}-beta.1",
                $"{v.Major}.{v.Minor}.{v.Patch + 1}", $"{v.Major}.{v.Minor}.{v.Patch + 1}-0",
                $"{v.Major}.{v.Minor + 1}.0",
                $"{v.Major + 1}.0.0-rc.1", $"{v.Major + 1}.0.0",
            })
            {
                yield return NpmVersion.Parse(text);
            }
            if (v.Patch > 0)
            {
                yield return NpmVersion.Parse($"{v.Major}.{v.Minor}.{v.Patch - 1}");
            }
        }
    }
}
