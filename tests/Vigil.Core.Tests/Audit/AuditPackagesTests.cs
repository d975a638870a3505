using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Audit;
using Vigil.Core.Data;
using Vigil.Lockfiles;

namespace Vigil.Core.Tests.Audit;

public class AuditPackagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_GitHubOsvEntries_MatchByEventsWithFixAndSeverity(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var examples = Directory.GetFiles(SharedData.Path("specs", "osv", "examples"), "*.json")
            .Select(f => new AdvisoryToStore(OsvJson.Deserialize(File.ReadAllText(f)), "osv")).ToList();
        await using (var context = database.Open())
        {
            await new UpsertAdvisories(context, TimeProvider.System).ExecuteAsync(examples, Ct);
        }
        var lockfile = LockfileReaders.Read(
            SharedData.Path("specs", "lockfiles", "npm-package-lock-v3", "package-lock.json"));

        await using var audit = database.Open();
        var report = await new AuditPackages(audit).ExecuteAsync([lockfile], new AuditOptions(), Ct);

        // minimist 0.0.8 is below both fixes (0.2.1, 0.2.4); the dev minimist 1.2.8 is past 1.2.3 and 1.2.6.
        Assert.Equal(
            [("GHSA-xvch-5gv4-984h", "minimist", "0.0.8", AdvisorySeverity.Critical, "0.2.4"),
                ("GHSA-vh95-rmgr-6w4m", "minimist", "0.0.8", AdvisorySeverity.Moderate, "0.2.1")],
            report.Findings.Select(f => (f.Id, f.Package, f.Version, f.Severity, f.FixedVersion)).ToList());
        var finding = report.Findings[0];
        Assert.Contains("CVE-2021-44906", finding.Aliases);
        Assert.Equal(["mkdirp>minimist"], finding.Paths);
        Assert.False(finding.Dev);
        Assert.Equal("<0.2.4", finding.VulnerableRange);
        Assert.Equal(9.8, finding.CvssScore);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_NuGetLockfile_MatchesOsvEcosystemRanges(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var context = database.Open())
        {
            await new UpsertAdvisories(context, TimeProvider.System).ExecuteAsync(
            [
                NuGetAdvisory("GHSA-5crp-9r3c-p9vr", "Newtonsoft.Json", "0", "13.0.1"),
                NuGetAdvisory("TEST-NUGET-2", "System.Text.Encodings.Web", "5.0.0", "5.0.1"),
                NuGetAdvisory("TEST-NUGET-3", "Newtonsoft.Json", "13.0.2", "13.0.4"),
            ], Ct);
        }
        using var temp = new TempDirectory("vigil-nuget-");
        var path = temp.Combine("packages.lock.json");
        await File.WriteAllTextAsync(path, """
            {"version": 1, "dependencies": {"net8.0": {
              "Newtonsoft.Json": {"type": "Direct", "requested": "[12.0.1, )", "resolved": "12.0.1", "contentHash": "x"},
              "Some.Library": {"type": "Direct", "requested": "[1.0.0, )", "resolved": "1.0.0", "contentHash": "y",
                "dependencies": {"System.Text.Encodings.Web": "4.7.0"}},
              "System.Text.Encodings.Web": {"type": "Transitive", "resolved": "5.0.0", "contentHash": "z"}}}}
            """, Ct);
        var lockfile = LockfileReaders.Read(path);

        await using var audit = database.Open();
        var report = await new AuditPackages(audit).ExecuteAsync([lockfile], new AuditOptions(), Ct);

        Assert.Equal(
            [("GHSA-5crp-9r3c-p9vr", "Newtonsoft.Json", "12.0.1"),
                ("TEST-NUGET-2", "System.Text.Encodings.Web", "5.0.0")],
            report.Findings.Select(f => (f.Id, f.Package, f.Version)).OrderBy(f => f.Id, StringComparer.Ordinal)
                .ToList());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_WithdrawnAdvisory_IsNotReported(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var withdrawn = NpmAdvisory("TEST-W", "minimist", "<1.0.0");
        withdrawn.Withdrawn = DateTimeOffset.UnixEpoch.AddDays(1);
        await using (var context = database.Open())
        {
            await new UpsertAdvisories(context, TimeProvider.System).ExecuteAsync(
                [new(withdrawn, "test"), new(NpmAdvisory("TEST-A", "minimist", "<1.0.0"), "test")], Ct);
        }
        var lockfile = LockfileReaders.Read(
            SharedData.Path("specs", "lockfiles", "npm-package-lock-v3", "package-lock.json"));

        await using var audit = database.Open();
        var report = await new AuditPackages(audit).ExecuteAsync([lockfile], new AuditOptions(), Ct);

        Assert.Equal(["TEST-A"], report.Findings.Select(f => f.Id));
    }

    private static OsvVulnerability NpmAdvisory(string id, string name, string range) => new()
    {
        Id = id,
        Modified = DateTimeOffset.UnixEpoch,
        Affected = [
            new OsvAffected { Package = new OsvPackage { Ecosystem = "npm", Name = name },
                DatabaseSpecific = new() { ["vulnerable_versions"] = range } }],
    };

    private static AdvisoryToStore NuGetAdvisory(string id, string name, string introduced, string fixedVersion) =>
        new(new OsvVulnerability
        {
            Id = id,
            Modified = DateTimeOffset.UnixEpoch,
            Affected =
        [
            new OsvAffected
            {
                Package = new OsvPackage { Ecosystem = "NuGet", Name = name },
                Ranges = [
                    new OsvRangeModel { Type = "ECOSYSTEM",
                        Events = [new() { Introduced = introduced }, new() { Fixed = fixedVersion }] }],
            },
        ],
        }, "osv");
}
