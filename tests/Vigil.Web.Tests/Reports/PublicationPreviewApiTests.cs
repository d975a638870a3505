using System.Net;
using System.Text.Json.Nodes;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Web.Tests.Compat.Npm;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Reports;

/// <summary>
/// <c>GET /api/reports/{id}/publication</c> is the API's dry run of publishing: the team sees the advisory exactly
/// as it would be published (OSV, with the id it would get) and what speaks against publishing now; nothing is
/// published, and only the program's team gets it.
/// </summary>
public class PublicationPreviewApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Preview_ShowsTheAdvisoryAndWarnings_PublishesNothing_TeamOnly(DatabaseProvider provider)
    {
        await using var vigil = await LoopbackVigil.StartAsync(provider);
        var tokens = await TeamApi.CreateProgramAsync(vigil, ApiScopes.ReportsWrite, ApiScopes.ReportsRead);
        var (write, read) = (tokens[0], tokens[1]);
        using var http = new HttpClient { BaseAddress = new Uri(vigil.Url) };
        var submitted = await TeamApi.SendAsync(http, HttpMethod.Post, "/api/programs/npm-eco/reports", null,
            """
            {"packages":[{"ecosystem":"npm","name":"mkdirp","affectedVersions":"<=0.5.1"}],
             "title":"mkdirp writes outside the target","description":"Path traversal.","cwe":"CWE-22"}
            """);
        var id = submitted!["id"]!.GetValue<long>();
        var path = $"/api/reports/{id}/publication";

        // Not publishable yet: a new report cannot be published, so there is nothing to preview.
        Assert.Equal(HttpStatusCode.Conflict, (await TeamApi.RawAsync(http, HttpMethod.Get, path, write)).Status);
        await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/accept", write);

        var preview = (await TeamApi.SendAsync(http, HttpMethod.Get, path, read))!;
        var expectedId = $"NPMSEC-{DateTime.UtcNow.Year}-1";
        Assert.Equal(expectedId, preview["expectedId"]!.GetValue<string>());
        Assert.Equal(id, preview["reportId"]!.GetValue<long>());
        Assert.Null(preview["cveId"]);
        var advisory = preview["advisory"]!;
        Assert.Equal(expectedId, advisory["id"]!.GetValue<string>());
        Assert.Equal("mkdirp writes outside the target", advisory["summary"]!.GetValue<string>());
        var affected = advisory["affected"]!.AsArray().Single()!;
        Assert.Equal("mkdirp", affected["package"]!["name"]!.GetValue<string>());
        // OSV's own field names (snake case), as the OSV API serves the record; no fix yet: open-ended.
        Assert.NotNull(advisory["schema_version"]);
        Assert.DoesNotContain(affected["ranges"]!.AsArray().SelectMany(r => r!["events"]!.AsArray()),
            e => e!["fixed"] is not null);
        Assert.Equal(["no-fix", "no-cve"], Codes(preview));
        Assert.Equal("npm/mkdirp", preview["warnings"]!.AsArray()[0]!["package"]!.GetValue<string>());

        // The preview published nothing: the id is still free and the report still open.
        Assert.Equal(HttpStatusCode.NotFound, (await TeamApi.RawAsync(http, HttpMethod.Get, $"/v1/vulns/{expectedId}",
            null)).Status);

        // Fixed: the range closes at the fix and only the missing CVE is left to warn about.
        await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/maintainers", write,
            """{"email":"maintainer@example.test"}""");
        await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/fix-started", write);
        await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/fixed", write,
            """{"fixedVersions":{"mkdirp":"0.5.2"}}""");
        preview = (await TeamApi.SendAsync(http, HttpMethod.Get, path, write))!;
        Assert.Equal(["no-cve"], Codes(preview));
        Assert.Contains(preview["advisory"]!["affected"]![0]!["ranges"]!.AsArray()
            .SelectMany(r => r!["events"]!.AsArray()), e => e!["fixed"]?.GetValue<string>() == "0.5.2");

        // A caller without a token gets 404, as for the report itself; the reporter's
        // follow-up token is not the team's.
        Assert.Equal(HttpStatusCode.NotFound, (await TeamApi.RawAsync(http, HttpMethod.Get, path, null)).Status);
        var reporter = submitted["followUpToken"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Conflict, (await TeamApi.RawAsync(http, HttpMethod.Get, path, reporter)).Status);

        // What was previewed is what is published.
        var published = await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/publish", write);
        Assert.Equal(expectedId, published!["advisoryId"]!.GetValue<string>());
        var served = (await TeamApi.SendAsync(http, HttpMethod.Get, $"/v1/vulns/{expectedId}", null))!;
        Assert.Equal(preview["advisory"]!["affected"]!.ToJsonString(), served["affected"]!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Publish_WithTheReviewedRevision_PublishesOnlyWhatWasReviewed(DatabaseProvider provider)
    {
        await using var vigil = await LoopbackVigil.StartAsync(provider);
        var write = (await TeamApi.CreateProgramAsync(vigil, ApiScopes.ReportsWrite))[0];
        using var http = new HttpClient { BaseAddress = new Uri(vigil.Url) };
        var submitted = await TeamApi.SendAsync(http, HttpMethod.Post, "/api/programs/npm-eco/reports", null,
            """
            {"packages":[{"ecosystem":"npm","name":"mkdirp","affectedVersions":"<=0.5.1"}],
             "title":"mkdirp writes outside the target","description":"Path traversal."}
            """);
        var id = submitted!["id"]!.GetValue<long>();
        await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/accept", write);
        var reviewed = (await TeamApi.SendAsync(http, HttpMethod.Get, $"/api/reports/{id}/publication", write))!;
        var revision = reviewed["revision"]!.GetValue<int>();

        // The report changes after the review (a CVE id is recorded): the reviewed revision no longer holds.
        await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/cve", write,
            """{"action":"record","cveId":"CVE-2099-4242"}""");
        var stale = await TeamApi.RawAsync(http, HttpMethod.Post, $"/api/reports/{id}/publish", write,
            $$"""{"revision":{{revision}}}""");
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("changed after you reviewed", stale.Body, StringComparison.Ordinal);
        var expectedId = reviewed["expectedId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound,
            (await TeamApi.RawAsync(http, HttpMethod.Get, $"/v1/vulns/{expectedId}", null)).Status);

        // Reviewed again, then published with that revision: what the preview showed is what is served.
        var current = (await TeamApi.SendAsync(http, HttpMethod.Get, $"/api/reports/{id}/publication", write))!;
        Assert.Equal(["no-fix"], Codes(current));
        var published = await TeamApi.SendAsync(http, HttpMethod.Post, $"/api/reports/{id}/publish", write,
            $$"""{"revision":{{current["revision"]!.GetValue<int>()}}}""");
        Assert.Equal(expectedId, published!["advisoryId"]!.GetValue<string>());
        var served = (await TeamApi.SendAsync(http, HttpMethod.Get, $"/v1/vulns/{expectedId}", null))!;
        Assert.Equal(["CVE-2099-4242"], served["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    private static List<string> Codes(JsonNode preview) =>
        [.. preview["warnings"]!.AsArray().Select(w => w!["code"]!.GetValue<string>())];
}
