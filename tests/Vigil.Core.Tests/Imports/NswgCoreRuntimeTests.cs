using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Imports;
using Vigil.Core.Runtime;
using Vigil.Versioning.Npm;
using static Vigil.Core.Tests.Imports.ImportFixture;

namespace Vigil.Core.Tests.Imports;

/// <summary>The WG's 171 core entries as Vigil stores them: a runtime affected entry, a summary, a first-seen
/// modified.</summary>
public class NswgCoreRuntimeTests
{
    private static readonly DateTimeOffset FirstImport = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static string CoreIndex => Path.Combine(WgVuln, "core", "index.json");

    private static async Task<(TestDatabase Database, FakeTimeProvider Time)> ImportCoreAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(FirstImport);
        await using var context = database.Open();
        var summary = await new ImportAdvisories(context, time, ImportOptions.Default)
            .ExecuteAsync([WgVuln], cancellationToken: Ct);
        Assert.Empty(summary.Problems);
        return (database, time);
    }

    private static async Task<List<(string Id, OsvVulnerability Osv, DateTimeOffset Modified)>> CoreAsync(
        TestDatabase database)
    {
        await using var context = database.Open();
        var rows = await context.Advisories.AsNoTracking().Where(a => a.Source == "nswg-core")
            .Select(a => new { a.Id, a.Document, a.Modified }).ToListAsync(Ct);
        return [.. rows.Select(r => (r.Id, OsvJson.Deserialize(r.Document), r.Modified))];
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_EveryCoreEntry_HasRuntimeAffectedSummaryAndFirstSeenModified(DatabaseProvider provider)
    {
        var (database, _) = await ImportCoreAsync(provider);
        await using var _database = database;

        var core = await CoreAsync(database);

        Assert.Equal(171, core.Count);
        Assert.All(core, c =>
        {
            var affected = Assert.Single(c.Osv.Affected!);
            Assert.Equal(("Bitnami", "node", "pkg:bitnami/node"),
                (affected.Package.Ecosystem, affected.Package.Name, affected.Package.Purl));
            Assert.Equal("SEMVER", Assert.Single(affected.Ranges!).Type);
            Assert.False(string.IsNullOrWhiteSpace(c.Osv.Summary), c.Id);
            Assert.Equal(FirstImport, c.Osv.Modified);
            Assert.Equal(FirstImport, c.Modified);
        });
        // The 107 entries without a description get one from their overview, never a placeholder.
        var index = JsonNode.Parse(File.ReadAllText(CoreIndex))!.AsObject();
        var made = index.Where(p => p.Value!["description"] is null).Select(p => "NSWG-COR-" + p.Key).ToHashSet();
        Assert.Equal(107, made.Count);
        Assert.All(core.Where(c => made.Contains(c.Id)), c => Assert.True(c.Osv.Summary!.Length <= 120, c.Id));
        Assert.All(core.Where(c => made.Contains(c.Id)),
            c =>
                Assert.StartsWith(c.Osv.Summary!.TrimEnd('…')[..20], c.Osv.Details!.Replace('\n', ' '),
                    StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_RuntimeRanges_AgreeWithIsMyNodeVulnerableOnEveryCoreEntry()
    {
        var (database, _) = await ImportCoreAsync(DatabaseProvider.Sqlite);
        await using var _database = database;
        var core = (await CoreAsync(database)).ToDictionary(c => c.Id);
        var index = JsonNode.Parse(File.ReadAllText(CoreIndex))!.AsObject();
        // Every release boundary the list names, and the releases around it, across all lines 0.10 to 25.
        var versions = new List<string>();
        foreach (var major in new[] { 0 }.Concat(Enumerable.Range(4, 22)))
        {
            foreach (var minor in major == 0 ? [10, 12] : Enumerable.Range(0, 26))
            {
                versions.AddRange(Enumerable.Range(0, 50).Select(patch => $"{major}.{minor}.{patch}"));
            }
        }
        var checks = 0;

        foreach (var (key, node) in index)
        {
            var vulnerable = (string)node!["vulnerable"]!;
            var patched = (string?)node["patched"];
            var evaluation = AffectedRanges.ToEvaluation(core["NSWG-COR-" + key].Osv.Affected![0]);
            foreach (var version in versions)
            {
                // is-my-node-vulnerable: satisfies(v, vulnerable) && !satisfies(v, patched)
                var expected = NpmSemver.Satisfies(version, vulnerable)
                    && !(patched is not null && NpmSemver.Satisfies(version, patched));
                Assert.True(expected == evaluation.IsAffected(version),
                    $"NSWG-COR-{key} {version}: expected {expected}");
                checks++;
            }
        }
        Assert.Equal(171 * versions.Count, checks);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reimport_Later_KeepsFirstSeenModified_AndMovesItOnlyForAChangedRecord(DatabaseProvider provider)
    {
        using var temp = new TempDirectory();
        var vuln = temp.Combine("vuln");
        CopyTree(WgVuln, vuln);
        await using var database = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(FirstImport);
        await using (var context = database.Open())
        {
            await new ImportAdvisories(context, time, ImportOptions.Default)
                .ExecuteAsync([vuln], cancellationToken: Ct);
        }
        time.Advance(TimeSpan.FromDays(30));
        var index = Path.Combine(vuln, "core", "index.json");
        var json = JsonNode.Parse(File.ReadAllText(index))!.AsObject();
        json["1"]!["severity"] = "critical";
        File.WriteAllText(index, json.ToJsonString());

        ImportSummary second;
        await using (var context = database.Open())
        {
            second = await new ImportAdvisories(context, time, ImportOptions.Default)
                .ExecuteAsync([vuln], cancellationToken: Ct);
        }

        Assert.Equal((0, 1), (second.Paths[0].Added, second.Paths[0].Updated));
        var core = await CoreAsync(database);
        Assert.Equal(FirstImport + TimeSpan.FromDays(30), core.Single(c => c.Id == "NSWG-COR-1").Modified);
        Assert.All(core.Where(c => c.Id != "NSWG-COR-1"), c => Assert.Equal(FirstImport, c.Modified));
    }

    [Theory]
    [InlineData("8.x || 7.x", "^8.1.4 || ^7.10.1", "7.0.0>7.10.1,8.0.0>8.1.4")]
    [InlineData("20.x || 21.x", "^20.11.1", "20.0.0>20.11.1,21.0.0>22.0.0")]
    [InlineData("18.x", null, "18.0.0>19.0.0")]
    [InlineData("4.x || 6.x", "^6.14.4 || >= 10.9.0", "4.0.0>5.0.0,6.0.0>6.14.4")]
    public void Create_VulnerableMinusPatched_WritesReleaseBounds(string vulnerable, string? patched, string expected)
    {
        NpmRange.TryParse(vulnerable, NpmSemverOptions.Default, out var v);
        NpmRange? p = null;
        if (patched is not null)
        {
            NpmRange.TryParse(patched, NpmSemverOptions.Default, out p);
        }

        var affected = NodeRuntimeAffected.Create(v!, p, ["all"])!;

        var events = affected.Ranges![0].Events;
        var text = string.Join(",", events.Chunk(2).Select(pair => pair[0].Introduced + ">" + pair[1].Fixed));
        Assert.Equal(expected, text);
    }
}
