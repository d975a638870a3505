using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// The root's requirements that are not installed at the top (npm 10 with a v3 lockfile sends only these): each is
/// one dependency in the counts, whatever its spec; a range is parsed only for a package with an advisory, and a spec
/// that is no range (a tag, a git URL, text) finds nothing.
/// </summary>
public sealed class NpmAuditRootRequirementsTests
{
    [Fact]
    public async Task Audit_RequirementsOfEveryKind_EachCountsOnce_OnlyAnAdvisorysRangeMatches()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);
        const string tree = """
            {"name":"app","version":"1.0.0","requires":{
              "minimist":"^1.2.0","lodash":"latest","left-pad":"github:someone/left-pad","unknown-package":"^1.0.0 || ^2.0.0",
              "django":"not a range at all","top":"^1.0.0"},
             "dependencies":{"top":{"version":"1.0.0"}}}
            """;

        var (status, report) = await test.PostJsonAsync("/-/npm/v1/security/audits", tree);

        Assert.Equal(200, status);
        // minimist's range meets its two advisories; lodash's tag and the rest find nothing.
        Assert.Equal(["minimist", "minimist"],
            report!["advisories"]!.AsObject().Select(a => (string)a.Value!["module_name"]!));
        // "top" is installed at the top and counted as its node; the five others count one each.
        Assert.Equal(6, (int)report["metadata"]!["dependencies"]!);
        Assert.Equal(6, (int)report["metadata"]!["totalDependencies"]!);
    }
}
