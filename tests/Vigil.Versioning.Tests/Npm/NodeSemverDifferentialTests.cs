using System.Text;
using System.Text.Json;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Tests.Support;

namespace Vigil.Versioning.Tests.Npm;

/// <summary>
/// Our port against the real node-semver 7.8.5 on thousands of random (range, version) pairs:
/// satisfies() under default and npm-audit options, validRange() and valid().
/// Override the seed with VIGIL_SEMVER_SEED to replay a failure.
/// </summary>
public class NodeSemverDifferentialTests
{
    internal const int FixedSeed = 20261128;
    internal const int PairCount = 4000;

    /// <summary>Hand-picked regex corner cases of node-semver's range pipeline.</summary>
    private static readonly string[] TrickyRanges =
    [
        "1.2.3 - = 1.2.4", "~> 1", "~>1.2", "~ > 1", "^00.1.2", "^0.00.1", ">99999999999999999999999.x",
        "1 - 99999999999999999999999",
        "1.2.3 +build 2", "=1.2.3 - 2", "v1.2.3 - v2", ">= =1", "1.2.3>=1.2.4", "<=* >1", "1.*.5", "* 1.2.3", "1.2.3 *",
        ">=0.0.0", ">=0.0.0-0", ">= 0.0.0", "~0.0", "^0.0", "1.2.3-", "a+b", "1.2.3++a", "\u00a0>=1.2.3\ufeff",
        "1.2.3\u0085",
        "||1.2.3||", "1.2.3 - 2.3.4 - 3", "1.2.3 -2.3.4", "1.2.3- 2.3.4", "<1.2.3-beta.4 >1", "^1.2.3-", "~1.2.3-.a",
        "1.2.3beta - 2",
        ">1.2.3beta", "<= 1.2 || >= 3", "x.x.x", "X", "*.1", "=*", "<*", ">*", ">=*", "~*", "^*", "~x.1", "^x.1",
        "1.x.x-beta",
        "1.2.x-beta", ">1.2.3-0 <1.2.3-1", "0.0.0", "<0.0.0", "<0.0.0-0 || 1.2.3", "<0.0.0-0 || <0.0.0-0",
        "1.2.3+a.b.c.",
        "1.2.3 - 1.2.3+x", ">1.2.3 <1.2.3", "~1.2.3 ^1.2.3", "1.2.3 1.2.3", "   ", "1.2.3\t-\t2.3.4", ">=1.2.3 <2 || *",
        "9007199254740991.0.0", "^9007199254740991.0.0", "~9007199254740991.1.0", ">9007199254740991",
        ">=1.0.0-9007199254740992",
        ">=1.0.0-x.9007199254740993 <1.0.0-x.9007199254740992", "1.2.3-a.01", "01.2.3", "v", "=", "vv1.2.3", "=v1.2.3",
        "v=1.2.3",
        "11.1.13.06", "1.2.34.5 - 2", "~1.2.34.5", "0.0.30.-0", "32.0.*b29", "<8.0.*121xv\t", "0.06.X8 62", "4.70.*9 ",
    ];

    /// <summary>Inputs past the safe regexes' bounds (<c>\d{0,256}</c>, <c>[a-zA-Z0-9-]{0,250}</c>, MAX_LENGTH
    /// 256).</summary>
    private static IEnumerable<string> LongRanges()
    {
        string a251 = new('a', 251), a300 = new('a', 300), d257 = new('1', 257), d300 = new('2', 300);
        return
        [
            $"1.2.3-{a300} 2.0.0", $"1.2.3-{a251}", $"~1.2.3-{a251}", $"^1.2.3-x.{a300}", $"1.2.3 - 2.0.0-{a300}",
            $">{d257}",
            $">={d300}.0.0 1.2.3", $"1.2.3-{d257}a", $"1.2.3-{d300}", $"{d257}.x", $"1.2.3+{a300} || 2",
            $"1.2.3-{new string('b', 245)}",
        ];
    }

    [Fact]
    public void ValidRange_TrickyInputs_AgreesWithNodeSemver()
    {
        NodeOracle.RequireOracle();
        var versions = new[] { "1.2.3", "1.2.3-beta", "0.0.0-0", "2.0.0", "1.2.4-0", "0.1.2", "9007199254740991.0.0" };
        var pairs = TrickyRanges.Concat(LongRanges())
            .SelectMany(r => versions.Select(v => (r, v))).ToList();
        AssertAgree(pairs, NodeOracle.Ask(pairs), seed: null);
    }

    [Fact]
    public void Satisfies_RandomPairs_AgreesWithNodeSemver()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("VIGIL_SEMVER_SEED"), out var s) ? s : FixedSeed;
        NodeOracle.RequireOracle();
        var inputs = new RandomNpmInputs(seed);
        var pairs = Enumerable.Range(0, PairCount).Select(_ => (inputs.Range(), inputs.Version())).ToList();

        var answers = NodeOracle.Ask(pairs);

        // Guard against a degenerate generator: plenty of valid ranges and of matches in both modes.
        int validRanges = answers.Count(a => a[2].ValueKind == JsonValueKind.String);
        int matchesDefault = answers.Count(a => a[0].ValueKind == JsonValueKind.True);
        int matchesAudit = answers.Count(a => a[1].ValueKind == JsonValueKind.True);
        Assert.True(validRanges > PairCount / 3 && matchesDefault > PairCount / 20 && matchesAudit > matchesDefault,
            $"generator too narrow: {validRanges} valid ranges, {matchesDefault}/{matchesAudit} matches "
                + "(default/audit)");
        AssertAgree(pairs, answers, seed);
    }

    /// <summary>
    /// Character soup from the range grammar's alphabet: finds tokenizer corners no shape-based
    /// generator thinks of (operators glued to bars, dangling dots, runs of signs).
    /// </summary>
    [Fact]
    public void ValidRange_RandomCharacterSoup_AgreesWithNodeSemver()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("VIGIL_SEMVER_SEED"), out var s) ? s : FixedSeed;
        NodeOracle.RequireOracle();
        const string alphabet = "0123456789001..........xX*-+ <>=~^|vab\t ";
        var random = new Random(seed);
        string Soup() =>
            new(Enumerable.Range(0, 1 + random.Next(14)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        string[] versions = ["1.2.3", "1.2.3-beta", "0.0.0", "2.0.0-0", "1.0.0"];
        var pairs = Enumerable.Range(0, PairCount).Select(i => (Soup(), versions[i % versions.Length])).ToList();
        AssertAgree(pairs, NodeOracle.Ask(pairs), seed);
    }

    private static void AssertAgree(List<(string Range, string Version)> pairs, JsonElement[][] answers, int? seed)
    {

        var mismatches = new StringBuilder();
        int count = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            var (range, version) = pairs[i];
            var ours = new object?[]
            {
                NpmSemver.Satisfies(version, range, NpmSemverOptions.Default),
                NpmSemver.Satisfies(version, range, NpmSemverOptions.NpmAudit),
                NpmSemver.ValidRange(range, NpmSemverOptions.Default),
                NpmSemver.ValidRange(range, NpmSemverOptions.NpmAudit),
                NpmSemver.Valid(version, NpmSemverOptions.Default),
                NpmSemver.Valid(version, new NpmSemverOptions(Loose: true)),
            };
            var theirs = answers[i].Select(Plain).ToArray();
            if (!ours.SequenceEqual(theirs))
            {
                if (++count <= 25)
                {
                    mismatches.AppendLine(
                        $"  range {JsonSerializer.Serialize(range)} version {JsonSerializer.Serialize(version)}: " +
                        $"ours [{string.Join(", ", ours.Select(Show))}] node "
                            + $"[{string.Join(", ", theirs.Select(Show))}]");
                }
            }
        }

        Assert.True(count == 0,
            $"seed {seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(fixed list)"}: {count} of "
                + $"{pairs.Count} pairs disagree with node-semver (columns: satisfies default, " +
            $"satisfies audit, validRange default, validRange audit, valid, valid loose); set VIGIL_SEMVER_SEED={seed} "
                + $"to replay\n{mismatches}");
    }

    private static object? Plain(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => e.GetString(),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        string text => JsonSerializer.Serialize(text),
        bool b => b ? "true" : "false",
        _ => value.ToString()!,
    };
}
