using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;
using Vigil.Web.Tests.Reports;
using Role = Vigil.Web.Tests.Reports.ReportWorld.Role;

namespace Vigil.Web.Tests.SavedReplies;

/// <summary><c>/api/programs/{slug}/saved-replies</c>: the team's alone (404 for anyone else), report scopes, 400
/// naming the field, 409 for a title taken.</summary>
public class SavedRepliesApiTests
{
    private const string Path = "/api/programs/npm-eco/saved-replies";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Crud_Triager_CreatesListsChangesDeletes(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);

        var (status, created) = await world.SendAsync(Role.Triager, HttpMethod.Post, Path,
            """{"title":"Needs a proof of concept","body":"Please send a PoC for report {report}."}""");
        Assert.Equal(201, status);
        var id = created!["id"]!.GetValue<long>();
        Assert.Equal("triager@example.test", created["updatedBy"]!.GetValue<string>());

        var (listed, list) = await world.SendAsync(Role.Triager, HttpMethod.Get, Path);
        Assert.Equal(200, listed);
        Assert.Equal("Please send a PoC for report {report}.",
            Assert.Single(list!.AsArray())!["body"]!.GetValue<string>());

        var (changed, body) = await world.SendAsync(Role.Triager, HttpMethod.Put, $"{Path}/{id}",
            """{"title":"Out of scope","body":"{package} is not in {program}."}""");
        Assert.Equal((200, "Out of scope"), (changed, body!["title"]!.GetValue<string>()));

        Assert.Equal(204, (await world.SendAsync(Role.Triager, HttpMethod.Delete, $"{Path}/{id}")).Status);
        Assert.Empty((await world.SendAsync(Role.Triager, HttpMethod.Get, Path)).Body!.AsArray());
        Assert.Equal(404, (await world.SendAsync(Role.Triager, HttpMethod.Delete, $"{Path}/{id}")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryEndpoint_StrangerOtherTeamAnonymous_NotFoundAndNothingChanges(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var (_, created) = await world.SendAsync(Role.Triager, HttpMethod.Post, Path,
            """{"title":"Ours","body":"Ours."}""");
        var id = created!["id"]!.GetValue<long>();

        foreach (Role? role in new Role?[] { Role.Stranger, Role.OtherTeam, Role.Maintainer, null })
        {
            Assert.Equal(404, (await world.SendAsync(role, HttpMethod.Get, Path)).Status);
            Assert.Equal(404, (await world.SendAsync(role, HttpMethod.Post, Path,
                """{"title":"Theirs","body":"Theirs."}""")).Status);
            Assert.Equal(404, (await world.SendAsync(role, HttpMethod.Put, $"{Path}/{id}",
                """{"title":"Theirs","body":"Theirs."}""")).Status);
            Assert.Equal(404, (await world.SendAsync(role, HttpMethod.Delete, $"{Path}/{id}")).Status);
        }
        // Another program's team with our reply's id under its own program: not there either.
        Assert.Equal(404, (await world.SendAsync(Role.OtherTeam, HttpMethod.Delete,
            $"/api/programs/core/saved-replies/{id}")).Status);
        Assert.Equal(404, (await world.SendAsync(Role.Triager, HttpMethod.Get,
            "/api/programs/no-such-program/saved-replies")).Status);

        var (_, list) = await world.SendAsync(Role.Triager, HttpMethod.Get, Path);
        Assert.Equal("Ours", Assert.Single(list!.AsArray())!["title"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Scopes_ReadTokenListsOnly_AdminTokenNeither(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var (read, admin) = await world.RunAsync(async services =>
        {
            var tokens = services.GetRequiredService<ApiTokens>();
            var triager = world.Id(Role.Triager);
            return ((await tokens.CreateAsync(triager, "read", [ApiScopes.ReportsRead], null, WebTest.Ct)).Secret,
                (await tokens.CreateAsync(triager, "admin", [ApiScopes.Admin], null, WebTest.Ct)).Secret);
        });
        const string Json = """{"title":"Scoped","body":"Scoped."}""";

        Assert.Equal(200, (await world.SendAsync(null, HttpMethod.Get, Path, bearer: read)).Status);
        Assert.Equal(403, (await world.SendAsync(null, HttpMethod.Post, Path, Json, bearer: read)).Status);
        Assert.Equal(403, (await world.SendAsync(null, HttpMethod.Get, Path, bearer: admin)).Status);
        Assert.Equal(403, (await world.SendAsync(null, HttpMethod.Post, Path, Json, bearer: admin)).Status);
        Assert.Empty((await world.SendAsync(Role.Triager, HttpMethod.Get, Path)).Body!.AsArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BadInputAndTakenTitle_ProblemNamingTheField(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var (_, created) = await world.SendAsync(Role.Triager, HttpMethod.Post, Path,
            """{"title":"Duplicate","body":"Duplicate of an earlier report."}""");
        var id = created!["id"]!.GetValue<long>();

        var (status, problem) = await world.SendAsync(Role.Triager, HttpMethod.Post, Path,
            $$"""{"title":"{{new string('t', 121)}}","body":""}""");
        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]!["title"]);
        Assert.NotNull(problem["errors"]!["body"]);
        (status, problem) = await world.SendAsync(Role.Triager, HttpMethod.Put, $"{Path}/{id}",
            $$"""{"title":"Fine","body":"{{new string('b', 20_001)}}"}""");
        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]!["body"]);
        Assert.Equal(400, (await world.SendAsync(Role.Triager, HttpMethod.Post, Path, """{"title":""")).Status);

        (status, problem) = await world.SendAsync(Role.Triager, HttpMethod.Post, Path,
            """{"title":"DUPLICATE","body":"Again."}""");
        Assert.Equal(409, status);
        Assert.Contains("title", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Duplicate of an earlier report.",
            Assert.Single((await world.SendAsync(Role.Triager, HttpMethod.Get, Path)).Body!.AsArray())!["body"]!
                .GetValue<string>());
    }
}
