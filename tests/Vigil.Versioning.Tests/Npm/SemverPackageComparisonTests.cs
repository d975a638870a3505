using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Semver;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Tests.Support;

namespace Vigil.Versioning.Tests.Npm;

/// <summary>
/// Measures the NuGet package Semver 3.0.0 (<c>SemVersionRange.ParseNpm</c>) against node-semver's
/// tables, next to our port, to back the decision recorded in docs/versioning.md. Run with
/// <c>dotnet test tests/Vigil.Versioning.Tests -- --filter-class '*SemverPackageComparisonTests' --output Detailed</c>.
/// </summary>
public class SemverPackageComparisonTests
{
    [Fact]
    public void ParseNpm_NodeSemverTables_DisagreesWhereOurPortAgrees()
    {
        var rows = new List<Tally>
        {
            Satisfaction("range-include.json", "fixture options", r => true),
            Satisfaction("range-exclude.json", "fixture options", r => false),
            Generated("defaultOptions", NpmSemverOptions.Default),
            Generated("npmAuditOptions", NpmSemverOptions.NpmAudit),
            Parsing(),
            Random(NpmSemverOptions.Default),
            Random(NpmSemverOptions.NpmAudit),
        };

        var report = new StringBuilder("table | options | rows | Semver 3.0.0 disagreements | Vigil disagreements\n");
        foreach (var t in rows)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"{t.Table} | {t.Options} | {t.Rows} | {t.Theirs} | {t.Ours}");
        }

        report.AppendLine().AppendJoin('\n', Examples);
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Assert.All(rows, t => Assert.Equal(0, t.Ours));
        Assert.True(rows.Sum(t => t.Theirs) > 0,
            "Semver 3.0.0 now agrees with every row: revisit docs/versioning.md\n" + report);
    }

    private sealed record Tally(string Table, string Options, int Rows, int Theirs, int Ours);

    private static readonly List<string> Examples = [];

    private static int Miss(string example)
    {
        lock (Examples)
        {
            Examples.Add(example);
        }

        return 1;
    }

    private static Tally Satisfaction(string file, string label, Func<JsonNode, bool> expected)
    {
        var table = Load(file).AsArray();
        int theirs = 0, ours = 0;
        foreach (var row in table)
        {
            var (range, version, options) = NpmRangeFixtureTests.Read(row!.ToJsonString());
            theirs += TheirSatisfies(version, range, options) == expected(row) ? 0
                : Miss($"{file}: satisfies({version}, {range}, {options}) should be {expected(row)}");
            ours += NpmSemver.Satisfies(version, range, options) == expected(row) ? 0 : 1;
        }

        return new Tally(file, label, table.Count, theirs, ours);
    }

    private static Tally Generated(string column, NpmSemverOptions options)
    {
        var table = Load("GENERATED-npm-audit-satisfies.json")["rows"]!.AsArray();
        int theirs = 0, ours = 0;
        foreach (var row in table)
        {
            string range = NodeOptions.Text(row!["range"])!, version = NodeOptions.Text(row["version"])!;
            bool expected = row[column]!.GetValue<bool>();
            theirs += TheirSatisfies(version, range, options) == expected ? 0
                : Miss($"GENERATED {column}: satisfies({version}, {range}) should be {expected}");
            ours += NpmSemver.Satisfies(version, range, options) == expected ? 0 : 1;
        }

        return new Tally("GENERATED-npm-audit-satisfies.json", column, table.Count, theirs, ours);
    }

    /// <summary>range-parse.json: does the package accept exactly the ranges node-semver accepts?</summary>
    private static Tally Parsing()
    {
        var table = Load("range-parse.json").AsArray();
        int theirs = 0, ours = 0;
        foreach (var row in table)
        {
            string range = NodeOptions.Text(row!["range"])!;
            var expected = NodeOptions.Text(row["expected"]);
            var options = NodeOptions.From(row["options"]);
            theirs += (TryParseTheirs(range, options) is not null) == (expected is not null) ? 0
                : Miss($"range-parse: {range} ({options}) should be {expected ?? "invalid"}");
            ours += NpmSemver.ValidRange(range, options) == expected ? 0 : 1;
        }

        return new Tally("range-parse.json", "valid vs invalid (ours: canonical string)", table.Count, theirs, ours);
    }

    /// <summary>
    /// The 4,000 random pairs of <see cref="NodeSemverDifferentialTests"/> (fixed seed). Truth is our
    /// port, which that test checks pair by pair against node-semver itself.
    /// </summary>
    private static Tally Random(NpmSemverOptions options)
    {
        var inputs = new RandomNpmInputs(NodeSemverDifferentialTests.FixedSeed);
        int theirs = 0, count = NodeSemverDifferentialTests.PairCount;
        for (int i = 0; i < count; i++)
        {
            string range = inputs.Range(), version = inputs.Version();
            bool expected = NpmSemver.Satisfies(version, range, options);
            theirs += TheirSatisfies(version, range, options) == expected ? 0
                : Examples.Count < 60 ? Miss($"random: satisfies({version}, {range}, {options}) should be {expected}")
                : 1;
        }

        return new Tally("random pairs (seed 20261128)",
            options == NpmSemverOptions.NpmAudit ? "npmAuditOptions" : "defaultOptions", count, theirs, 0);
    }

    /// <summary>satisfies() with the package: unparsable range or version → false, like node-semver.</summary>
    private static bool TheirSatisfies(string version, string range, NpmSemverOptions options)
    {
        var parsed = TryParseTheirs(range, options);
        // Closest styles to node-semver: strict still allows a leading "v" (FULL is `v?MAIN...`).
        var style = options.Loose ? SemVersionStyles.Any : SemVersionStyles.AllowV;
        return parsed is not null && SemVersion.TryParse(version, style, out var v) && parsed.Contains(v);
    }

    private static SemVersionRange? TryParseTheirs(string range, NpmSemverOptions options)
    {
        try
        {
            return SemVersionRange.ParseNpm(range, options.IncludePrerelease);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    private static JsonNode Load(string file) => JsonNode.Parse(File.ReadAllText(SpecFiles.Require("semver/" + file)))!;
}
