using System.Text.Json;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Audit;
using Vigil.Core.Data;
using Vigil.Lockfiles;

namespace Vigil.Core.Tests.Audit;

/// <summary>
/// "vigil audit finds exactly the advisories that npm's own evaluator would": the same lockfile and
/// advisories go through Vigil and through npm's Arborist + semver (<see cref="NpmEvaluatorOracle"/>).
/// </summary>
public class AuditAgreesWithNpmTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DatabaseProvider, string, bool> SharedSamples()
    {
        var data = new TheoryData<DatabaseProvider, string, bool>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var sample in new[] { "npm-package-lock-v1", "npm-package-lock-v2", "npm-package-lock-v3" })
            {
                data.Add(provider, sample, false);
                data.Add(provider, sample, true);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SharedSamples))]
    public async Task Execute_SharedLockfile_FindsWhatNpmFinds(DatabaseProvider provider, string sample, bool omitDev)
    {
        var project = SharedData.Path("specs", "lockfiles", sample);
        var advisories = WorkingGroupAdvisories().Concat(
        [
            new("T-1", "minimist", "<0.2.1"), new("T-2", "minimist", ">=1.0.0 <1.2.6"),
            new("T-3", "minimist", "<  2.0.5"),
            new("T-4", "minimist", "<= 2.6.8 || >= 3.0.0 <= 3.0.1"), new("T-5", "ms", "2.0.x"),
            new("T-6", "ms", "<2.0.0"),
            new("T-7", "mkdirp", "~0.5.0"), new("T-8", "mkdirp", "^0.5.2"),
            new("T-9", "@isaacs/string-locale-compare", "*"),
            new("T-10", "minimist", ">=0.0.8-0 <0.0.9"), new("T-11", "ms-alias", "*"),
            new("T-12", "minimist", "not a range"),
        ]).ToList();

        await AssertAgreesAsync(provider, project, advisories, omitDev);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_RandomProjectAndRanges_FindsWhatNpmFinds(DatabaseProvider provider)
    {
        const int seed = 20261128;
        var random = new RandomNpmProject(seed);
        var names = Enumerable.Range(0, 400).Select(i => i % 9 == 0 ? $"@scope/pkg-{i}" : $"pkg-{i}").ToList();
        using var temp = new TempDirectory("vigil-audit-");
        random.WriteLockfile(temp.Path, 2000, names);
        var advisories = Enumerable.Range(0, 3000)
            .Select(i => new NpmEvaluatorOracle.Advisory($"R-{i}", names[i % names.Count], random.Range()))
            .ToList();
        await AssertAgreesAsync(provider, temp.Path, advisories, omitDev: false, $"seed {seed}");
    }

    private static async Task AssertAgreesAsync(DatabaseProvider provider, string project,
        List<NpmEvaluatorOracle.Advisory> advisories, bool omitDev, string note = "")
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var context = database.Open())
        {
            await new UpsertAdvisories(context, TimeProvider.System)
                .ExecuteAsync(advisories.Select(ToOsv).ToList(), Ct);
        }
        var lockfile = LockfileReaders.Read(Path.Combine(project, "package-lock.json"));

        AuditReport report;
        await using (var context = database.Open())
        {
            report = await new AuditPackages(context).ExecuteAsync([lockfile], new AuditOptions(OmitDev: omitDev), Ct);
        }
        var expected = await NpmEvaluatorOracle.EvaluateAsync(project, advisories, omitDev ? ["dev"] : []);

        var actual = report.Findings.Select(f => new NpmEvaluatorOracle.Match(f.Id, f.Package, f.Version)).ToHashSet();
        var missing = expected.Where(m => !actual.Contains(m)).ToList();
        var extra = actual.Where(m => !expected.Contains(m)).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{note} npm found {expected.Count}, Vigil {actual.Count}. Missing: "
                + $"{JsonSerializer.Serialize(missing.Take(20))}. Extra: {JsonSerializer.Serialize(extra.Take(20))}");
    }

    private static IEnumerable<NpmEvaluatorOracle.Advisory> WorkingGroupAdvisories()
    {
        var dir = SharedData.Path("data", "nodejs-security-wg", "vuln", "npm");
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Where(f => Path.GetFileName(f) != "index.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var root = doc.RootElement;
            yield return new($"NSWG-ECO-{root.GetProperty("id").GetInt32()}",
                root.GetProperty("module_name").GetString()!,
                root.GetProperty("vulnerable_versions").GetString() ?? "*");
        }
    }

    private static AdvisoryToStore ToOsv(NpmEvaluatorOracle.Advisory advisory) => new(new OsvVulnerability
    {
        Id = advisory.Id,
        Modified = DateTimeOffset.UnixEpoch,
        Affected =
        [
            new OsvAffected
            {
                Package = new OsvPackage { Ecosystem = "npm", Name = advisory.Name },
                DatabaseSpecific = new() { ["vulnerable_versions"] = advisory.Range },
            },
        ],
    }, "test");
}
