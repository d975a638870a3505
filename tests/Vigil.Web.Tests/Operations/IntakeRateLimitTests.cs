using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// Anonymous report intake has its own limit per client address (Vigil:RateLimit:IntakePermitLimit per
/// IntakeWindowSeconds), far below the server-wide one, on the JSON API and the form alike.
/// </summary>
public class IntakeRateLimitTests
{
    private static CancellationToken Ct => ConfiguredApp.Ct;

    [Fact]
    public async Task ApiSubmit_SixthWithinTenMinutesByDefault_Answers429WithRetryAfterAndProblem()
    {
        await using var app = await StartAsync(null);

        for (var i = 0; i < 5; i++)
        {
            using var accepted = await SubmitAsync(app.Client);
            Assert.Equal(201, (int)accepted.StatusCode);
        }
        using var refused = await SubmitAsync(app.Client);
        using var elsewhere = await app.Client.GetAsync("/v1/vulns/GHSA-vh95-rmgr-6w4m", Ct);

        Assert.Equal(429, (int)refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 600);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(429, (int)problem["status"]!);
        Assert.Contains("At most 5 reports", (string?)problem["detail"]);
        Assert.Contains("Vigil:RateLimit:IntakePermitLimit", (string?)problem["detail"]);
        Assert.Equal(200, (int)elsewhere.StatusCode); // the rest of the server is not limited by it
    }

    [Fact]
    public async Task ApiSubmit_RefusedBody_CountsTowardsTheLimitToo()
    {
        await using var app = await StartAsync(new() { ["Vigil:RateLimit:IntakePermitLimit"] = "2" });

        using var first = await SubmitAsync(app.Client, title: "");
        using var second = await SubmitAsync(app.Client);
        using var third = await SubmitAsync(app.Client);

        Assert.Equal((400, 201, 429), ((int)first.StatusCode, (int)second.StatusCode, (int)third.StatusCode));
    }

    [Fact]
    public async Task FormSubmit_OverTheLimit_ShowsTheFormAgainWith429AndTheMessage()
    {
        await using var app = await StartAsync(new() { ["Vigil:RateLimit:IntakePermitLimit"] = "2" });
        var reporter = new AccountSession(app.Client);

        var fields = new Dictionary<string, string>
        {
            ["Program"] = "npm-eco",
            ["Ecosystem"] = "npm",
            ["PackageName"] = "deep-merge",
            ["AffectedVersions"] = "<=1.4.1",
            ["Title"] = "Prototype pollution",
            ["Description"] = "Details",
        };
        var statuses = new List<int>();
        string html = "";
        for (var i = 0; i < 3; i++)
        {
            (var status, _, html) = await reporter.PostFormAsync("/reports/new", fields);
            statuses.Add((int)status);
        }

        Assert.Equal([200, 200, 429], statuses);
        Assert.Contains("id=\"problems\"", html);
        Assert.Contains("At most 2 reports", html);
        Assert.Contains("Prototype pollution", html); // what was typed is kept
    }

    [Fact]
    public async Task ApiSubmit_LimitDisabled_IsNotLimited()
    {
        await using var app = await StartAsync(
            new() { ["Vigil:RateLimit:Enabled"] = "false", ["Vigil:RateLimit:IntakePermitLimit"] = "1" });

        using var first = await SubmitAsync(app.Client);
        using var second = await SubmitAsync(app.Client);

        Assert.Equal((201, 201), ((int)first.StatusCode, (int)second.StatusCode));
    }

    private static async Task<ConfiguredApp> StartAsync(Dictionary<string, string>? settings)
    {
        var app = await ConfiguredApp.StartAsync(settings);
        await using var db = VigilDatabase.Open(app.Services.GetRequiredService<DatabaseTarget>());
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        return app;
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string title = "Prototype pollution")
    {
        var body = new JsonObject
        {
            ["packages"] = new JsonArray(
                new JsonObject { ["ecosystem"] = "npm", ["name"] = "deep-merge", ["affectedVersions"] = "<=1.4.1" }),
            ["title"] = title,
            ["description"] = "Details",
        }.ToJsonString();
        using var content = new StringContent(body, System.Text.Encoding.UTF8,
            new MediaTypeHeaderValue("application/json"));
        return await client.PostAsync("/api/programs/npm-eco/reports", content, Ct);
    }
}
