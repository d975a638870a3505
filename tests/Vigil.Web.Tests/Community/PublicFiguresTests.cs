using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Web.Tests.Community;

/// <summary>
/// Every public figure counts published work only: a private report that arrives and is accepted moves none of
/// them by a byte (on a one-package program that would announce the embargo); its publication moves them.
/// </summary>
public class PublicFiguresTests
{
    private static readonly string[] PublicPaths =
    [
        "/api/programs/npm-eco/metrics",
        "/programs/npm-eco",
        "/api/badges/npm/left-pad",
        "/badges/npm/left-pad/advisories.svg",
        "/badges/npm/left-pad/policy.svg",
        "/api/programs/npm-eco/hacktivity",
        "/programs/npm-eco/hacktivity",
        "/api/programs/npm-eco/leaderboard?period=all",
        "/programs/npm-eco/leaderboard?period=all",
        "/api/programs/npm-eco/leaderboard?period=90d",
        "/programs/npm-eco/SECURITY.md",
        "/api/programs/npm-eco/security-md?ecosystem=npm&package=left-pad",
        "/api/reputation/rules",
        "/.well-known/security.txt",
    ];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PublicFigures_PrivateReportAccepted_UnchangedUntilPublished(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var triager = await TriagerAsync(app);
        var before = await SnapshotAsync(app);

        long id;
        using (var content = new StringContent(new JsonObject
        {
            ["packages"] = new JsonArray(
                new JsonObject { ["ecosystem"] = "npm", ["name"] = "left-pad", ["affectedVersions"] = "<=1.0.0" }),
            ["title"] = "Embargoed flaw in left-pad",
            ["description"] = "Details that stay private until publication.",
        }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))
        {
            using var submitted = await app.Client.PostAsync("/api/programs/npm-eco/reports", content, CommunityApp.Ct);
            Assert.Equal(201, (int)submitted.StatusCode);
            id = JsonNode.Parse(await submitted.Content.ReadAsStringAsync(CommunityApp.Ct))!["id"]!.GetValue<long>();
        }
        var afterSubmit = await SnapshotAsync(app);
        // The clock stands still (the figures' window ends "now"): only the reports differ between snapshots.
        await UseCaseAsync(app,
            services => services.GetRequiredService<TriageReport>().AcceptAsync(id, triager, CommunityApp.Ct));
        var afterAccept = await SnapshotAsync(app);
        // The maintainers are notified and answer: their answer time is a public figure only once it is published.
        var maintainer = await UserAsync(app, "keeper@example.test");
        await UseCaseAsync(app, services => services.GetRequiredService<InviteMaintainer>()
            .ExecuteAsync(id, triager, maintainer.UserId, null, CommunityApp.Ct));
        await UseCaseAsync(app, services => services.GetRequiredService<CommentOnReport>()
            .ExecuteAsync(id, maintainer, "Confirmed; a fix is coming.", false, CommunityApp.Ct));
        var afterAnswer = await SnapshotAsync(app);

        Assert.All(PublicPaths, path => Assert.Equal(before[path], afterSubmit[path]));
        Assert.All(PublicPaths, path => Assert.Equal(before[path], afterAccept[path]));
        Assert.All(PublicPaths, path => Assert.Equal(before[path], afterAnswer[path]));

        await UseCaseAsync(app,
            services => services.GetRequiredService<PublishReport>().ExecuteAsync(id, triager, CommunityApp.Ct));
        var published = await SnapshotAsync(app);

        var metrics = JsonNode.Parse(published["/api/programs/npm-eco/metrics"])!;
        Assert.Equal(1, metrics["reports"]!.GetValue<int>());
        Assert.Equal("green", metrics["triage"]!["status"]!.GetValue<string>());
        var answers = Assert.Single(metrics["maintainers"]!.AsArray())!;
        Assert.Equal(("left-pad", 1, 1, 0.0, 0.0),
            (answers["name"]!.GetValue<string>(), answers["notified"]!.GetValue<int>(),
                answers["answered"]!.GetValue<int>(), answers["medianHoursToAnswer"]!.GetValue<double>(),
                answers["neverAnsweredPercent"]!.GetValue<double>()));
        var row = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(published["/programs/npm-eco"])
            .QuerySelector("#maintainer-answers tbody tr")!.TextContent;
        Assert.Equal("left-pad (npm) 1 0 hours 0 % (0)", string.Join(' ', row.Split(
            (char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        Assert.Equal(1, JsonNode.Parse(published["/api/badges/npm/left-pad"])!["publishedAdvisories"]!.GetValue<int>());
        Assert.Single(JsonNode.Parse(published["/api/programs/npm-eco/hacktivity"])!["items"]!.AsArray());
        foreach (var path in new[] { "/api/programs/npm-eco/metrics", "/programs/npm-eco", "/api/badges/npm/left-pad",
            "/badges/npm/left-pad/advisories.svg",
            "/api/programs/npm-eco/hacktivity", "/programs/npm-eco/hacktivity" })
        {
            Assert.NotEqual(before[path], published[path]);
        }
    }

    private static async Task<Dictionary<string, string>> SnapshotAsync(CommunityApp app)
    {
        var figures = new Dictionary<string, string>();
        foreach (var path in PublicPaths)
        {
            var (status, text, _) = await app.GetAsync(path);
            Assert.True(status == 200, $"{path}: {status}");
            figures[path] = text;
        }
        return figures;
    }

    private static async Task<Actor> TriagerAsync(CommunityApp app)
    {
        var triager = await UserAsync(app, "triager@example.test");
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
        await new AddProgramMember(db, app.Clock).ExecuteAsync("npm-eco", triager.UserId!.Value, ProgramRole.Triager,
            CommunityApp.Ct);
        return triager;
    }

    private static async Task<Actor> UserAsync(CommunityApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
        var user = new VigilUser { UserName = email, Email = email, EmailConfirmed = true, TwoFactorEnabled = true };
        Assert.True((await users.CreateAsync(user, "a long enough password")).Succeeded);
        return Actor.User(user.Id);
    }

    private static async Task UseCaseAsync(CommunityApp app, Func<IServiceProvider, Task> action)
    {
        using var scope = app.Services.CreateScope();
        await action(scope.ServiceProvider);
    }
}
