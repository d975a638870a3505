using System.Text.Json.Nodes;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// The disclosure journey through the JSON API, ending where it matters: an anonymous report on mkdirp, triaged,
/// maintainer invited, fixed and published by a two-factor team member with an API token — and then the
/// real `npm audit` of a project with mkdirp 0.5.1 reports the new advisory, with the fixed range.
/// </summary>
public class DisclosureToNpmAuditTests
{
    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Journey_PublishedReport_NpmAuditReportsIt(DatabaseProvider provider)
    {
        var npm = PackageManager.ByLabel("npm 11");
        await using var vigil = await LoopbackVigil.StartAsync(provider);
        var teamToken = (await TeamApi.CreateProgramAsync(vigil, ApiScopes.ReportsWrite))[0];
        using var http = new HttpClient { BaseAddress = new Uri(vigil.Url) };

        var submitted = await TeamApi.SendAsync(http, HttpMethod.Post, "/api/programs/npm-eco/reports", null,
            """
            {"packages":[{"ecosystem":"npm","name":"mkdirp","affectedVersions":"<=0.5.1"}],"title":"mkdirp writes outside the target","description":"Path traversal.","cwe":"CWE-22","cvssVector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N"}
            """);
        var id = submitted!["id"]!.GetValue<long>();
        await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/accept", teamToken);
        await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/maintainers", teamToken,
            """{"email":"maintainer@example.test"}""");
        await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/fix-started", teamToken);
        await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/fixed", teamToken,
            """{"fixedVersions":{"mkdirp":"0.5.2"}}""");
        var published = await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/publish", teamToken);
        var advisoryId = published!["advisoryId"]!.GetValue<string>();
        var view = await TeamApi.SendAsync(http, HttpMethod.Get, $"/api/reports/{id}",
            submitted["followUpToken"]!.GetValue<string>());
        Assert.Equal("published", view!["state"]!.GetValue<string>());

        var project = vigil.Project("npm-package-lock-v3", "package.json", "package-lock.json");
        var (exitCode, stdout, stderr) = await npm.RunAsync(project, vigil.Work, "audit", "--json", "--registry",
            vigil.Url + "/");

        Assert.True(exitCode == 1, $"npm exited {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        var via = JsonNode.Parse(stdout)!["vulnerabilities"]!["mkdirp"]!["via"]!.AsArray().OfType<JsonObject>()
            .ToList();
        var ours = Assert.Single(via,
            v => v["url"]!.GetValue<string>().EndsWith($"/advisories/{advisoryId}", StringComparison.Ordinal));
        Assert.Equal("<0.5.2", ours["range"]!.GetValue<string>());
        Assert.Equal("high", ours["severity"]!.GetValue<string>());
        Assert.Equal("mkdirp writes outside the target", ours["title"]!.GetValue<string>());
        Assert.Equal(["CWE-22"], ours["cwe"]!.AsArray().Select(c => c!.GetValue<string>()));
    }
}
