using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Reports;

/// <summary>Anonymous intake and follow-up through the JSON API.</summary>
public class ReportIntakeTests
{
    private const string Marker = "INTAKE-MARKER-51c2";

    private static CancellationToken Ct => WebTest.Ct;

    private static string Body(string package = "deep-merge") => new JsonObject
    {
        ["packages"] = new JsonArray(
            new JsonObject { ["ecosystem"] = "npm", ["name"] = package, ["affectedVersions"] = "<=1.4.1" }),
        ["title"] = $"Prototype pollution {Marker}",
        ["description"] = $"Details {Marker}",
        ["proofOfConcept"] = "merge({}, evil)",
        ["cvssVector"] = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        ["cwe"] = "CWE-1321",
        ["reporterEmail"] = "ada@example.test",
    }.ToJsonString();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_Anonymous_201WithTokenThatOpensTheReport(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);

        var (status, body) = await test.PostJsonAsync("/api/programs/npm-eco/reports", Body());

        Assert.Equal(201, status);
        var id = body!["id"]!.GetValue<long>();
        var token = body["followUpToken"]!.GetValue<string>();
        Assert.Equal($"/api/reports/{id}", body["url"]!.GetValue<string>());
        var view = await GetAsync(test, id, token);
        Assert.Equal(200, view.Status);
        Assert.Equal($"Prototype pollution {Marker}", view.Body!["title"]!.GetValue<string>());
        Assert.Equal("new", view.Body["state"]!.GetValue<string>());
        Assert.Equal("triage", view.Body["countdown"]!["deadline"]!.GetValue<string>());
        Assert.Equal("reporter", view.Body["viewerRole"]!.GetValue<string>());
        Assert.Equal(9.8, view.Body["cvssScore"]!.GetValue<double>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Get_WrongOrNoToken_404IdenticalToAMissingReport(DatabaseProvider provider)
    {
        await using var test = await StartAsync(provider);
        var (_, body) = await test.PostJsonAsync("/api/programs/npm-eco/reports", Body());
        var id = body!["id"]!.GetValue<long>();

        var wrong = await GetAsync(test, id, "vfu_" + new string('x', 43));
        var none = await GetAsync(test, id, null);
        var missing = await GetAsync(test, id + 1000, body["followUpToken"]!.GetValue<string>());

        Assert.All(new[] { wrong, none, missing }, r => Assert.Equal(404, r.Status));
        Assert.Equal(Shape(wrong.Body!, id), Shape(missing.Body!, id + 1000));
        Assert.Equal(Shape(none.Body!, id), Shape(missing.Body!, id + 1000));
        Assert.DoesNotContain(Marker, wrong.Body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comment_ByTokenHolder_AppearsOnTheTimeline()
    {
        await using var test = await StartAsync(DatabaseProvider.Sqlite);
        var (_, body) = await test.PostJsonAsync("/api/programs/npm-eco/reports", Body());
        var id = body!["id"]!.GetValue<long>();
        var token = body["followUpToken"]!.GetValue<string>();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/{id}/comments")
        {
            Content = new StringContent("""{"text":"Also affects 1.3.x"}""", System.Text.Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await test.Client.SendAsync(request, Ct);

        Assert.Equal(201, (int)response.StatusCode);
        var view = await GetAsync(test, id, token);
        Assert.Contains(view.Body!["timeline"]!.AsArray(), e => e!["text"]?.GetValue<string>() == "Also affects 1.3.x");
    }

    [Fact]
    public async Task Comment_InternalByReporter_409()
    {
        await using var test = await StartAsync(DatabaseProvider.Sqlite);
        var (_, body) = await test.PostJsonAsync("/api/programs/npm-eco/reports", Body());

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/{body!["id"]}/comments")
        {
            Content = new StringContent("""{"text":"x","internal":true}""", System.Text.Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            body["followUpToken"]!.GetValue<string>());
        using var response = await test.Client.SendAsync(request, Ct);

        Assert.Equal(409, (int)response.StatusCode);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"packages":[],"title":"t","description":"d"}""", "packages" },
        { """{"packages":[{"ecosystem":"npm","name":"x","affectedVersions":"~~nope"}],"title":"t","description":"d"}""",
            "packages[0].affectedVersions" },
        { """{"packages":[{"ecosystem":"npm","name":"x","affectedVersions":"*"}],"title":"","description":"d"}""",
            "title" },
        { """
            {"packages":[{"ecosystem":"npm","name":"x","affectedVersions":"*"}],"title":"t","description":"d","cvssVector":"CVSS:9/AV:N"}
            """, "cvssVector" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Submit_Invalid_400ProblemNamesTheField(string json, string field)
    {
        await using var test = await StartAsync(DatabaseProvider.Sqlite);

        var (status, body) = await test.PostJsonAsync("/api/programs/npm-eco/reports", json);

        Assert.Equal(400, status);
        Assert.NotNull(body!["errors"]![field]);
    }

    [Theory]
    [InlineData("{", 400)]
    [InlineData("[]", 400)]
    public async Task Submit_MalformedJson_400(string json, int expected)
    {
        await using var test = await StartAsync(DatabaseProvider.Sqlite);

        var (status, _) = await test.PostJsonAsync("/api/programs/npm-eco/reports", json);

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task Submit_UnknownProgram_404()
    {
        await using var test = await StartAsync(DatabaseProvider.Sqlite);

        var (status, _) = await test.PostJsonAsync("/api/programs/nope/reports", Body());

        Assert.Equal(404, status);
    }

    [Fact]
    public async Task Queue_Anonymous_404()
    {
        await using var test = await StartAsync(DatabaseProvider.Sqlite);

        var (status, body) = await test.GetAsync("/api/programs/npm-eco/queue");

        Assert.Equal(404, status);
        Assert.Equal("No program 'npm-eco'.", body!["detail"]!.GetValue<string>());
    }

    private static async Task<WebTest> StartAsync(DatabaseProvider provider)
    {
        var test = await WebTest.StartAsync(provider, seed: false);
        await using var db = test.OpenDatabase();
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        return test;
    }

    private static async Task<(int Status, JsonNode? Body)> GetAsync(WebTest test, long id, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{id}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await test.Client.SendAsync(request, Ct);
        return ((int)response.StatusCode, await WebTest.ReadAsync(response));
    }

    /// <summary>A problem document without what legitimately differs (the id asked for, the trace id).</summary>
    private static string Shape(JsonNode problem, long id)
    {
        var copy = problem.DeepClone().AsObject();
        copy.Remove("traceId");
        copy["detail"] = copy["detail"]!.GetValue<string>().Replace($"#{id}", "#N", StringComparison.Ordinal);
        return copy.ToJsonString();
    }
}
