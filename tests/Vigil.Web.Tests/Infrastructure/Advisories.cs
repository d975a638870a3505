using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Web.Tests.Infrastructure;

/// <summary>Test data: the real GHSA examples from shared/specs/osv/examples, plus small made-up entries.</summary>
public static class Advisories
{
    public static readonly string[] GhsaExamples =
    [
        "GHSA-35jh-r3h4-6jhm", "GHSA-cm22-4g7w-348p", "GHSA-p8p7-x288-28g6", "GHSA-vh95-rmgr-6w4m",
        "GHSA-xvch-5gv4-984h",
    ];

    public static IEnumerable<OsvVulnerability> Examples() =>
        GhsaExamples.Select(id =>
            OsvJson.Deserialize(File.ReadAllText(SharedData.Path("specs", "osv", "examples", id + ".json"))));

    public static async Task SeedAsync(DatabaseTarget target, IEnumerable<OsvVulnerability> vulnerabilities)
    {
        await using var db = VigilDatabase.Open(target);
        await new UpsertAdvisories(db, TimeProvider.System).ExecuteAsync(
            vulnerabilities.Select(v => new AdvisoryToStore(v, "osv")).ToList(), TestContext.Current.CancellationToken);
    }

    public static OsvVulnerability Made(string id, string ecosystem, string name, string introduced, string @fixed,
        DateTimeOffset? withdrawn = null, string? severity = null) => new()
        {
            Id = id,
            Modified = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Withdrawn = withdrawn,
            Summary = $"Made-up {id}",
            DatabaseSpecific = severity is null ? null : new() { ["severity"] = severity },
            Affected =
        [
            new OsvAffected
            {
                Package = new OsvPackage { Ecosystem = ecosystem, Name = name },
                Ranges =
                [
                    new OsvRangeModel
                    {
                        Type = "ECOSYSTEM", Events = [new() { Introduced = introduced }, new() { Fixed = @fixed }],
                    },
                ],
            },
        ],
        };
}
