using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Core.Data;
using Vigil.Core.Imports;
using Vigil.Versioning.Npm;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// Every Node.js Security WG npm advisory (the WG database's npm records), imported, is
/// served by the npm endpoints with the record's own ranges (docs/api.md, "patched_versions"): the v6 report's
/// <c>patched_versions</c> is the record's, except that "no fix" (WG <c>null</c>, <c>&lt;=0.0.0</c>) is
/// <c>&lt;0.0.0</c>; its <c>recommendation</c> is the record's; the bulk answer's range matches what the record's
/// matches and lets pnpm 11 infer no fix exactly for the records that have none.
/// </summary>
public partial class NpmWgPatchedVersionsTests
{
    private static readonly string Npm = SharedData.Path("data", "nodejs-security-wg", "vuln", "npm");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audits_EveryWgAdvisory_ServesTheRecordsPatchedVersions(DatabaseProvider provider)
    {
        var records = Records();
        await using var test = await ImportedAsync(provider);
        var requires = new JsonObject();
        foreach (var module in records.Values.Select(r => (string)r["module_name"]!).Distinct())
        {
            requires[module] = "*"; // a root requirement without a node: every advisory whose range meets "*"
        }

        var (status, report) = await test.PostJsonAsync("/-/npm/v1/security/audits",
            new JsonObject { ["requires"] = requires }.ToJsonString());

        Assert.Equal(200, status);
        var served = report!["advisories"]!.AsObject().Select(a => a.Value!).ToDictionary(a => RecordNumber(a), a => a);
        Assert.Equal(records.Keys.Order(), served.Keys.Order());
        var differing = new List<string>();
        foreach (var (number, record) in records)
        {
            var advisory = served[number];
            var expected = (string?)record["patched_versions"] is { } patched && patched != "<=0.0.0" ? patched
                : "<0.0.0";
            if ((string?)advisory["patched_versions"] != expected
                || (string?)advisory["vulnerable_versions"] != (string)record["vulnerable_versions"]!
                || (string?)record["recommendation"] is { Length: > 0 } recommendation
                    && (string?)advisory["recommendation"] != recommendation)
            {
                differing.Add(
                    $"{number}: served {advisory["patched_versions"]} / {advisory["vulnerable_versions"]}, record "
                        + $"{record["patched_versions"]} / {record["vulnerable_versions"]}");
            }
        }
        Assert.True(differing.Count == 0,
            $"{differing.Count} of {records.Count} differ:\n" + string.Join("\n", differing));
        Assert.Equal(467, records.Count);
        // The data's "no fix" forms: 136 "<0.0.0", 56 null, 1 "<=0.0.0".
        Assert.Equal(193, served.Values.Count(a => (string?)a["patched_versions"] == "<0.0.0"));
    }

    [Fact]
    public async Task Bulk_EveryWgAdvisory_MatchesAsTheRecordAndPnpm11InfersNoFixExactlyWhereThereIsNone()
    {
        var records = Records();
        await using var test = await ImportedAsync(DatabaseProvider.Sqlite);
        // Per package, the versions its ranges name (x.y.x as x.y.0), one patch above each, and 0.0.0: each range
        // matches one of them.
        var versions = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var record in records.Values)
        {
            var set = versions.TryGetValue((string)record["module_name"]!, out var known) ? known
                : versions[(string)record["module_name"]!] = new(StringComparer.Ordinal) { "0.0.0" };
            foreach (Match literal in VersionLiteral().Matches((string)record["vulnerable_versions"]!))
            {
                var patch = literal.Groups[3].Success
                    ? long.Parse(literal.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
                set.Add($"{literal.Groups[1].Value}.{literal.Groups[2].Value}.{patch}{literal.Groups[4].Value}");
                set.Add($"{literal.Groups[1].Value}.{literal.Groups[2].Value}.{patch + 1}");
            }
        }
        var body = new JsonObject(
            versions.Select(
                v =>
                    KeyValuePair.Create(v.Key, (JsonNode?)new JsonArray(v.Value.Select(x => (JsonNode?)x).ToArray()))));

        var (status, answer) = await test.PostJsonAsync("/-/npm/v1/security/advisories/bulk", body.ToJsonString());

        Assert.Equal(200, status);
        var served = answer!.AsObject().SelectMany(p => p.Value!.AsArray()).Select(a => a!)
            .ToDictionary(RecordNumber, a => (string)a["vulnerable_versions"]!);
        Assert.Equal(records.Keys.Order(), served.Keys.Order());
        var wrong = new List<string>();
        foreach (var (number, record) in records)
        {
            var original = (string)record["vulnerable_versions"]!;
            var noFix = (string?)record["patched_versions"] is null or "<0.0.0" or "<=0.0.0";
            var range = Parse(served[number]);
            var sameMatches = versions[(string)record["module_name"]!]
                .All(v => range.IsSatisfiedBy(v) == Parse(original).IsSatisfiedBy(v));
            var inferred = Pnpm11InfersAFix(served[number]);
            if (!sameMatches || (noFix && inferred) || (!noFix && served[number] != original))
            {
                wrong.Add(
                    $"{number}: served {served[number]}, record {original} (patched {record["patched_versions"]})");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>
    /// pnpm 11 (audit/lib inferPatchedVersions, dist/pnpm.mjs): <c>patched_versions</c> is <c>&gt;=x</c> when the
    /// range ends in <c>&lt;x</c>, <c>&gt;=x+1</c> when it ends in <c>&lt;=x</c>, and none otherwise.
    /// </summary>
    private static bool Pnpm11InfersAFix(string range) =>
        Regex.IsMatch(range.Trim(), @"(?:^|\s)<\s*(\d+\.\d+\.\d[\w\-.+]*)\s*$")
            || Regex.IsMatch(range.Trim(), @"(?:^|\s)<=\s*(\d+\.\d+\.\d[\w\-.+]*)\s*$");

    private static NpmRange Parse(string range) =>
        NpmRange.TryParse(range, NpmSemverOptions.NpmAudit, out var parsed) ? parsed : throw new FormatException(range);

    [GeneratedRegex(@"(\d+)\.(\d+)(?:\.(?:(\d+)|[xX*]))?(-[0-9A-Za-z.-]+)?")]
    private static partial Regex VersionLiteral();

    private static int RecordNumber(JsonNode advisory)
    {
        var url = (string)advisory["url"]!;
        return int.Parse(url[(url.LastIndexOf("NSWG-ECO-", StringComparison.Ordinal) + "NSWG-ECO-".Length)..],
            System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Dictionary<int, JsonObject> Records()
    {
        if (!Directory.Exists(Npm))
        {
            Assert.Skip($"The Node.js Security WG data ({Npm}) is absent; this test imports it.");
        }
        return Directory.GetFiles(Npm, "*.json")
            .Where(f => Path.GetFileNameWithoutExtension(f).All(char.IsAsciiDigit))
            .ToDictionary(
                f => int.Parse(Path.GetFileNameWithoutExtension(f), System.Globalization.CultureInfo.InvariantCulture),
                f => JsonNode.Parse(File.ReadAllText(f, Encoding.UTF8))!.AsObject());
    }

    private static async Task<WebTest> ImportedAsync(DatabaseProvider provider)
    {
        var test = await WebTest.StartAsync(provider, seed: false);
        await using var db = test.OpenDatabase();
        var summary = await new ImportAdvisories(db, TimeProvider.System, ImportOptions.Default)
            .ExecuteAsync([Npm], cancellationToken: WebTest.Ct);
        Assert.True(summary.Problems.Count == 0, string.Join("\n", summary.Problems));
        return test;
    }
}
