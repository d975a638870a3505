using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;
using Vigil.Web.Tests.Vex;
using Role = Vigil.Web.Tests.Reports.ReportWorld.Role;

namespace Vigil.Web.Tests.Reports;

/// <summary>
/// Disputes over the API: the invited maintainer answers "not affected", the team decides and publishes an OpenVEX
/// document at a stable public address; strangers get 404, bad input a 400 naming the field.
/// </summary>
public class DisputesApiTests
{
    private static CancellationToken Ct => WebTest.Ct;

    private const string Dispute = """
        {"justification":"vulnerable_code_not_present","impactStatement":"The merge helper was rewritten in 1.0."}
        """;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Journey_DisputeAcceptPublish_VexServedPublicAndValid(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var report = await world.SubmitAsync();
        await world.NotifyMaintainersAsync(report.Id);
        var path = $"/api/reports/{report.Id}/disputes";

        var (created, body) = await world.SendAsync(Role.Maintainer, HttpMethod.Post, path, Dispute);
        Assert.Equal(201, created);
        var id = body!["id"]!.GetValue<long>();
        Assert.Equal(404, (await world.SendAsync(Role.Stranger, HttpMethod.Get, path)).Status);
        var listed = (await world.SendAsync(Role.Maintainer, HttpMethod.Get, path)).Body!.AsArray();
        Assert.Equal("pending", Assert.Single(listed)!["state"]!.GetValue<string>());
        Assert.Equal(409, (await world.SendAsync(Role.Triager, HttpMethod.Post, $"{path}/{id}/vex")).Status);

        Assert.Equal(204, (await world.SendAsync(Role.Triager, HttpMethod.Post, $"{path}/{id}/decision",
            """{"decision":"accept","reason":"Confirmed by reading 1.4.1."}""")).Status);
        var view = (await world.SendAsync(Role.Maintainer, HttpMethod.Get, $"/api/reports/{report.Id}")).Body!;
        Assert.Equal("not-affected", view["state"]!.GetValue<string>());
        using var anonymous = world.Test.Factory.CreateClient();
        Assert.Equal(404, (int)(await anonymous.GetAsync($"/vex/{id}.json", Ct)).StatusCode);
        Assert.Equal(409, (await world.SendAsync(Role.Triager, HttpMethod.Post, $"{path}/{id}/vex")).Status);

        Assert.Equal(204, (await world.SendAsync(Role.Triager, HttpMethod.Post, $"/api/reports/{report.Id}/cve",
            """{"action":"record","cveId":"CVE-2026-31337"}""")).Status);
        var (published, answer) = await world.SendAsync(Role.Triager, HttpMethod.Post, $"{path}/{id}/vex");
        Assert.Equal(200, published);
        Assert.Equal($"/vex/{id}.json", answer!["url"]!.GetValue<string>());

        using var response = await anonymous.GetAsync($"/vex/{id}.json", Ct);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var document = JsonNode.Parse(text);
        Assert.Empty(OpenVexShape.Problems(document));
        var statement = document!["statements"]![0]!;
        Assert.Equal("CVE-2026-31337", statement["vulnerability"]!["name"]!.GetValue<string>());
        Assert.Equal("vulnerable_code_not_present", statement["justification"]!.GetValue<string>());
        Assert.Equal("The merge helper was rewritten in 1.0.", statement["impact_statement"]!.GetValue<string>());
        Assert.Equal("pkg:npm/deep-merge", statement["products"]![0]!["@id"]!.GetValue<string>());
        Assert.DoesNotContain("Prototype pollution", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Merging pollutes", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Confirmed by reading", text, StringComparison.Ordinal);

        var all = (await world.SendAsync(null, HttpMethod.Get, "/api/vex")).Body!.AsArray();
        Assert.Equal($"/vex/{id}.json", Assert.Single(all)!["url"]!.GetValue<string>());
        Assert.Single((await world.SendAsync(null, HttpMethod.Get, "/api/vex?ecosystem=npm&name=deep-merge")).Body!
            .AsArray());
        Assert.Empty((await world.SendAsync(null, HttpMethod.Get, "/api/vex?ecosystem=npm&name=left-pad")).Body!
            .AsArray());
        var page = await anonymous.GetAsync("/packages/npm/deep-merge", Ct);
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Contains($"href=\"/vex/{id}.json\"", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadDisputes() => new()
    {
        { """{"justification":"not_exploitable","impactStatement":"x"}""", "justification" },
        { $$"""{"justification":"component_not_present","impactStatement":"{{new string('x', 2001)}}"}""",
            "impactStatement" },
        { """{"justification":"component_not_present"}""", "impactStatement" },
        { """{"justification":"component_not_present","impactStatement":"x","versions":{"deep-merge":"9.0.0"}}""",
            "versions[deep-merge]" },
    };

    [Theory]
    [MemberData(nameof(BadDisputes))]
    public async Task Dispute_BadInput_400NamingTheField_StrangerStill404(string json, string field)
    {
        await using var world = await ReportWorld.StartAsync(DatabaseProvider.Sqlite);
        var report = await world.SubmitAsync();
        await world.NotifyMaintainersAsync(report.Id);
        var path = $"/api/reports/{report.Id}/disputes";

        var (status, problem) = await world.SendAsync(Role.Maintainer, HttpMethod.Post, path, json);

        Assert.Equal(400, status);
        Assert.Equal([field], problem!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(404, (await world.SendAsync(Role.Stranger, HttpMethod.Post, path, json)).Status);
        Assert.Equal(409, (await world.SendAsync(Role.Triager, HttpMethod.Post, path, Dispute)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Decide_BadDecisionOrReason_400_RejectLeavesTheReport(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var report = await world.SubmitAsync();
        await world.NotifyMaintainersAsync(report.Id);
        var path = $"/api/reports/{report.Id}/disputes";
        var id = (await world.SendAsync(Role.Maintainer, HttpMethod.Post, path, Dispute)).Body!["id"]!
            .GetValue<long>();

        var (badDecision, problem) = await world.SendAsync(Role.Triager, HttpMethod.Post, $"{path}/{id}/decision",
            """{"decision":"maybe","reason":"x"}""");
        Assert.Equal((400, "decision"), (badDecision, problem!["errors"]!.AsObject().Single().Key));
        var (longReason, reasonProblem) = await world.SendAsync(Role.Triager, HttpMethod.Post,
            $"{path}/{id}/decision", $$"""{"decision":"reject","reason":"{{new string('r', 2001)}}"}""");
        Assert.Equal((400, "reason"), (longReason, reasonProblem!["errors"]!.AsObject().Single().Key));
        Assert.Equal(409, (await world.SendAsync(Role.Maintainer, HttpMethod.Post, $"{path}/{id}/decision",
            """{"decision":"accept","reason":"mine"}""")).Status);
        Assert.Equal(404, (await world.SendAsync(Role.OtherTeam, HttpMethod.Post, $"{path}/{id}/decision",
            """{"decision":"accept","reason":"theirs"}""")).Status);

        Assert.Equal(204, (await world.SendAsync(Role.Triager, HttpMethod.Post, $"{path}/{id}/decision",
            """{"decision":"reject","reason":"The proof of concept reaches the code."}""")).Status);
        var view = (await world.SendAsync(Role.Maintainer, HttpMethod.Get, $"/api/reports/{report.Id}")).Body!;
        Assert.Equal("maintainers-notified", view["state"]!.GetValue<string>());
        Assert.Equal("rejected", view["disputes"]![0]!["state"]!.GetValue<string>());
    }
}
