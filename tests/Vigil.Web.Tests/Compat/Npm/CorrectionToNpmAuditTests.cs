using System.Net;
using System.Text.Json.Nodes;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// A published range that was too narrow, corrected by the team through the API: the real `npm audit` of a
/// project with the version left out misses it before and reports it after, and the OSV API, the Atom
/// feed, the advisory page and the public revision list all carry the new revision.
/// </summary>
public class CorrectionToNpmAuditTests
{
    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Correct_TooNarrowRange_NpmAuditSeesTheNewRevision(DatabaseProvider provider)
    {
        var npm = PackageManager.ByLabel("npm 11");
        await using var vigil = await LoopbackVigil.StartAsync(provider);
        var tokens = await TeamApi.CreateProgramAsync(vigil, ApiScopes.ReportsWrite, ApiScopes.ReportsRead);
        var (writer, reader) = (tokens[0], tokens[1]);
        using var http = new HttpClient { BaseAddress = new Uri(vigil.Url) };
        var submitted = await TeamApi.SendAsync(http, HttpMethod.Post, "/api/programs/npm-eco/reports", null,
            """
            {"packages":[{"ecosystem":"npm","name":"mkdirp","affectedVersions":"<=0.5.1"}],"title":"mkdirp writes outside the target","description":"Path traversal.","cvssVector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N"}
            """);
        var id = submitted!["id"]!.GetValue<long>();
        await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/accept", writer);
        await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/maintainers", writer,
            """{"email":"maintainer@example.test"}""");
        await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/fix-started", writer);
        var inside = await TeamApi.RawAsync(http, HttpMethod.Post, $"/api/reports/{id}/fixed", writer,
            """{"fixedVersions":{"mkdirp":"0.5.0"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, inside.Status);
        Assert.Contains("lies inside the reported range <=0.5.1", inside.Body, StringComparison.Ordinal);
        await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/fixed", writer,
            """{"fixedVersions":{"mkdirp":"0.5.0"},"confirmNarrowerRange":true}""");
        var advisoryId = (await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/publish",
            writer))!["advisoryId"]!.GetValue<string>();
        var project = vigil.Project("npm-package-lock-v3", "package.json", "package-lock.json");
        Assert.Null(await OursAsync(npm, vigil, project, advisoryId));

        var correction = """
            {"reason":"0.5.0 and 0.5.1 are affected as reported; the fix is 0.5.2.","packages":[{"ecosystem":"npm","name":"mkdirp","affectedVersions":"<=0.5.1","fixedVersions":"0.5.2"}]}
            """;
        Assert.Equal(HttpStatusCode.Forbidden,
            (await TeamApi.RawAsync(http, HttpMethod.Post, $"/api/advisories/{advisoryId}/corrections", reader,
                correction)).Status);
        Assert.Equal(HttpStatusCode.NotFound,
            (await TeamApi.RawAsync(http, HttpMethod.Post, $"/api/advisories/{advisoryId}/corrections", null,
                correction)).Status);
        var corrected = await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/advisories/{advisoryId}/corrections",
            writer, correction);
        Assert.Equal(2, corrected!["revision"]!.GetValue<int>());

        JsonObject? ours = null;
        for (var attempt = 0; attempt < 10 && ours is null; attempt++)
        {
            // the matching index refreshes within Vigil:IndexRefreshSeconds
            ours = await OursAsync(npm, vigil, project, advisoryId);
        }
        Assert.NotNull(ours);
        Assert.Equal("<0.5.2", ours["range"]!.GetValue<string>());
        var osv = await TeamApi.SendAsync(http, HttpMethod.Get, $"/v1/vulns/{advisoryId}", null);
        Assert.Equal(corrected["modified"]!.GetValue<DateTimeOffset>(), osv!["modified"]!.GetValue<DateTimeOffset>());
        Assert.NotEqual(osv["published"]!.GetValue<DateTimeOffset>(), osv["modified"]!.GetValue<DateTimeOffset>());
        var revisions = (await TeamApi.SendAsync(http, HttpMethod.Get, $"/api/advisories/{advisoryId}/revisions",
            null))!.AsArray();
        Assert.Equal("npm/mkdirp: <0.5.0 → <0.5.2", Assert.Single(revisions)!["changes"]!.GetValue<string>());
        var feed = await http.GetStringAsync("/feeds/atom.xml", Ct);
        Assert.Contains("Corrected (revision 2", feed, StringComparison.Ordinal);
        Assert.Contains("the fix is 0.5.2.", feed, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await http.GetStringAsync($"/advisories/{advisoryId}", Ct));
        Assert.Contains("id=\"history\"", page, StringComparison.Ordinal);
        Assert.Contains("revision 2: npm/mkdirp: <0.5.0 → <0.5.2.", page, StringComparison.Ordinal);
        Assert.Contains("Reason: 0.5.0 and 0.5.1 are affected as reported", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound,
            (await TeamApi.RawAsync(http, HttpMethod.Get, "/api/advisories/NPMSEC-2026-999/revisions", null)).Status);
    }

    private static async Task<JsonObject?> OursAsync(PackageManager npm, LoopbackVigil vigil, string project,
        string advisoryId)
    {
        var (exitCode, stdout, stderr) = await npm.RunAsync(project, vigil.Work, "audit", "--json", "--registry",
            vigil.Url + "/");
        Assert.True(exitCode is 0 or 1, $"npm exited {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        var vulnerabilities = JsonNode.Parse(stdout)!["vulnerabilities"]!.AsObject();
        return vulnerabilities["mkdirp"]?["via"]?.AsArray().OfType<JsonObject>()
            .SingleOrDefault(
                v => v["url"]!.GetValue<string>().EndsWith($"/advisories/{advisoryId}", StringComparison.Ordinal));
    }
}
