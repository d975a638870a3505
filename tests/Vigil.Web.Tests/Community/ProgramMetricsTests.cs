using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Vigil.Core.Data;

namespace Vigil.Web.Tests.Community;

/// <summary>Responsiveness metrics through the page and the API (the counting rules: Vigil.Core.Tests
/// GetProgramMetricsTests).</summary>
public class ProgramMetricsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Get_NoReports_NoData(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);

        var (status, json, _) = await app.GetAsync("/api/programs/npm-eco/metrics");
        var (pageStatus, html, _) = await app.GetAsync("/programs/npm-eco");

        Assert.Equal(200, status);
        var body = JsonNode.Parse(json)!;
        Assert.Equal("no-data", body["triage"]!["status"]!.GetValue<string>());
        Assert.Null(body["triage"]!["percent"]);
        Assert.Equal(0, body["reports"]!.GetValue<int>());
        Assert.Equal(200, pageStatus);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal("no-data", page.QuerySelector("#triage")!.GetAttribute("data-status"));
        Assert.EndsWith("no data", page.QuerySelector("#publication")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(body["maintainers"]!.AsArray());
        Assert.EndsWith("no data.", page.QuerySelector("#maintainer-answers")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnansweredPastDeadline_CountsNothingUntilPublished()
    {
        // The metrics read the deadline from the report, not from the deadline clock's actions: the clock is off,
        // so moving five days does not run its timer through 7,200 passes.
        await using var app = await CommunityApp.StartAsync(
            settings: new Dictionary<string, string> { ["Vigil:Clock:IntervalSeconds"] = "0" });
        const string marker = "METRICS-MARKER-1d4c";
        using (var content = new StringContent(new JsonObject
        {
            ["packages"] = new JsonArray(
                new JsonObject { ["ecosystem"] = "npm", ["name"] = "left-pad", ["affectedVersions"] = "<=1.0.0" }),
            ["title"] = $"Title {marker}",
            ["description"] = $"Details {marker}",
        }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))
        {
            using var submitted = await app.Client.PostAsync("/api/programs/npm-eco/reports", content, CommunityApp.Ct);
            Assert.Equal(201, (int)submitted.StatusCode);
        }
        app.Clock.Advance(TimeSpan.FromDays(5));

        var (_, json, _) = await app.GetAsync("/api/programs/npm-eco/metrics");
        var (_, html, _) = await app.GetAsync("/programs/npm-eco");

        // A private report, even one missing its deadline, is not public work: counting it would reveal it.
        var body = JsonNode.Parse(json)!;
        Assert.Equal((0, 0, "no-data"),
            (body["triage"]!["met"]!.GetValue<int>(), body["triage"]!["missed"]!.GetValue<int>(),
                body["triage"]!["status"]!.GetValue<string>()));
        Assert.Equal(0, body["reports"]!.GetValue<int>());
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal("no-data", page.QuerySelector("#triage")!.GetAttribute("data-status"));
        Assert.DoesNotContain(marker, json + html, StringComparison.Ordinal);
        Assert.DoesNotContain("left-pad", json + html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/programs/nope/metrics")]
    [InlineData("/programs/nope")]
    public async Task Get_UnknownProgram_404(string path)
    {
        await using var app = await CommunityApp.StartAsync();

        var (status, _, _) = await app.GetAsync(path);

        Assert.Equal(404, status);
    }
}
