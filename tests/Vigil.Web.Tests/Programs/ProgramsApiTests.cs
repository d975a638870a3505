using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;
using Role = Vigil.Web.Tests.Programs.AdminWorld.Role;

namespace Vigil.Web.Tests.Programs;

/// <summary>The JSON API does everything the UI does, with API tokens — program administration under
/// /api/programs.</summary>
public class ProgramsApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InstanceAdmin_CreateUpdateTeamMaintainersWebhooks_AllStoredAndShown(DatabaseProvider provider)
    {
        await using var world = await AdminWorld.StartAsync(provider);
        var api = world.Client();
        var token = world.Token(Role.InstanceAdmin);

        var created = await api.JsonAsync(HttpMethod.Post, "/api/programs",
            """{"slug":"nuget-eco","name":"NuGet ecosystem","advisoryIdPrefix":"NUSEC","scopeEcosystems":["NuGet"]}""",
            token);
        Assert.True(api.LastStatus == 201, created?.ToJsonString());
        var patched = await api.JsonAsync(HttpMethod.Patch, "/api/programs/nuget-eco", """
            {"triageBusinessDays":3,"publicationDays":90,"timeZone":"Europe/Berlin","holidays":["2026-12-25","2026-12-24"],
             "reminderHours":[4,24,48],"publishAtDeadline":false,"reservedCveIds":["CVE-2026-50001","CVE-2026-50002"],
             "scopePackages":["npm/left-pad"],"maintainerReminderBusinessDays":[5,2,5],
             "maintainerEscalationBusinessDays":8,"requireProofOfConcept":true}
            """, token);
        Assert.True(api.LastStatus == 200, patched?.ToJsonString());
        await api.JsonAsync(HttpMethod.Post, "/api/programs/nuget-eco/members",
            $$"""{"email":"{{AdminWorld.Email(Role.Stranger)}}","role":"triager"}""", token);
        var memberStatus = api.LastStatus;
        var maintainer = await api.JsonAsync(HttpMethod.Post, "/api/programs/nuget-eco/maintainers",
            """{"ecosystem":"NuGet","name":"Newtonsoft.Json","email":"jn@example.test"}""", token);
        var maintainerStatus = api.LastStatus;
        var webhook = await api.JsonAsync(HttpMethod.Post, "/api/programs/nuget-eco/webhooks",
            """{"url":"https://hooks.example.test/in","events":["report.received"]}""", token);
        var webhookStatus = api.LastStatus;
        var shown = await api.JsonAsync(HttpMethod.Get, "/api/programs/nuget-eco", bearer: token);
        var listed = await api.JsonAsync(HttpMethod.Get, "/api/programs", bearer: token);

        Assert.Equal((204, 201, 201), (memberStatus, maintainerStatus, webhookStatus));
        Assert.Equal("NUSEC", created!["advisoryIdPrefix"]!.GetValue<string>());
        Assert.Equal(2, created["triageBusinessDays"]!.GetValue<int>());
        Assert.Equal([3, 7], created["maintainerReminderBusinessDays"]!.AsArray().Select(d => d!.GetValue<int>()));
        Assert.Equal(10, created["maintainerEscalationBusinessDays"]!.GetValue<int>());
        Assert.Equal([2, 5], shown!["maintainerReminderBusinessDays"]!.AsArray().Select(d => d!.GetValue<int>()));
        Assert.Equal(8, shown["maintainerEscalationBusinessDays"]!.GetValue<int>());
        Assert.Equal(3, shown["triageBusinessDays"]!.GetValue<int>());
        Assert.Equal(90, shown["publicationDays"]!.GetValue<int>());
        Assert.Equal("Europe/Berlin", shown["timeZone"]!.GetValue<string>());
        Assert.Equal(["2026-12-24", "2026-12-25"], Strings(shown["holidays"]));
        Assert.Equal([48, 24, 4], shown["reminderHours"]!.AsArray().Select(h => h!.GetValue<int>()));
        Assert.False(shown["publishAtDeadline"]!.GetValue<bool>());
        Assert.False(created["requireProofOfConcept"]!.GetValue<bool>());
        Assert.True(shown["requireProofOfConcept"]!.GetValue<bool>());
        Assert.Equal(["CVE-2026-50001", "CVE-2026-50002"], Strings(shown["reservedCveIds"]));
        Assert.Equal(["NuGet"], Strings(shown["scopeEcosystems"]));
        var member = Assert.Single(shown["members"]!.AsArray());
        Assert.Equal((AdminWorld.Email(Role.Stranger), "triager"),
            (member!["email"]!.GetValue<string>(), member["role"]!.GetValue<string>()));
        var m = Assert.Single(shown["maintainers"]!.AsArray());
        Assert.Equal(maintainer!["id"]!.GetValue<long>(), m!["id"]!.GetValue<long>());
        var secret = webhook!["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal("https://hooks.example.test/in",
            Assert.Single(shown["webhooks"]!.AsArray())!["url"]!.GetValue<string>());
        Assert.DoesNotContain(secret[6..], shown.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["core", "npm-eco", "nuget-eco"], listed!.AsArray().Select(p => p!["slug"]!.GetValue<string>()));

        var userId = member["userId"]!.GetValue<Guid>();
        var deletes = new List<int>();
        foreach (var path in new[] { $"members/{userId}", $"maintainers/{m["id"]}",
            $"webhooks/{webhook["endpoint"]!["id"]}" })
        {
            await api.JsonAsync(HttpMethod.Delete, $"/api/programs/nuget-eco/{path}", bearer: token);
            deletes.Add(api.LastStatus);
        }
        var emptied = await api.JsonAsync(HttpMethod.Get, "/api/programs/nuget-eco", bearer: token);
        Assert.Equal([204, 204, 204], deletes);
        Assert.Empty(emptied!["members"]!.AsArray());
        Assert.Empty(emptied["maintainers"]!.AsArray());
        Assert.Empty(emptied["webhooks"]!.AsArray());
    }

    public static TheoryData<string, string> WrongPolicies => new()
    {
        { """{"triageBusinessDays":0}""", "triageBusinessDays" },
        { """{"timeZone":"Mars/Olympus_Mons"}""", "timeZone" },
        { """{"holidays":["2026-02-30"]}""", "holidays[0]" },
        { """{"reminderHours":[24, 0]}""", "reminderHours[1]" },
        { """{"advisoryIdPrefix":"npm-sec"}""", "advisoryIdPrefix" },
        { """{"scopeEcosystems":["PyPI"]}""", "scopeEcosystems[0]" },
        { """{"reservedCveIds":["CVE-2026-1"]}""", "reservedCveIds[0]" },
        { """{"maintainerReminderBusinessDays":[3, 61]}""", "maintainerReminderBusinessDays[1]" },
        { """{"maintainerReminderBusinessDays":[12]}""", "maintainerReminderBusinessDays[0]" },
        { """{"maintainerEscalationBusinessDays":100}""", "maintainerEscalationBusinessDays" },
    };

    [Theory]
    [MemberData(nameof(WrongPolicies))]
    public async Task Patch_WrongField_400NamesItAndNothingStored(string json, string field)
    {
        await using var world = await AdminWorld.StartAsync(DatabaseProvider.Sqlite);
        var api = world.Client();
        var before = (await api.JsonAsync(HttpMethod.Get, "/api/programs/npm-eco",
            bearer: world.Token(Role.ProgramAdmin)))!.ToJsonString();

        // A valid change travels with the wrong one: it must not be stored either.
        var problem = await api.JsonAsync(HttpMethod.Patch, "/api/programs/npm-eco",
            json.Replace("{", """{"publicationDays":90,""", StringComparison.Ordinal), world.Token(Role.ProgramAdmin));
        var status = api.LastStatus;
        var after = (await api.JsonAsync(HttpMethod.Get, "/api/programs/npm-eco",
            bearer: world.Token(Role.ProgramAdmin)))!.ToJsonString();

        Assert.Equal(400, status);
        Assert.Equal([field], problem!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(before, after);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Create_WrongSlugOrDuplicate_400Or409AndNothingStored(DatabaseProvider provider)
    {
        await using var world = await AdminWorld.StartAsync(provider);
        var api = world.Client();
        var token = world.Token(Role.InstanceAdmin);

        var wrong = await api.JsonAsync(HttpMethod.Post, "/api/programs",
            """{"slug":"Not A Slug","name":"x","advisoryIdPrefix":"X1"}""", token);
        var wrongStatus = api.LastStatus;
        await api.JsonAsync(HttpMethod.Post, "/api/programs",
            """{"slug":"core","name":"again","advisoryIdPrefix":"CORE"}""", token);
        var duplicateStatus = api.LastStatus;
        var listed = await api.JsonAsync(HttpMethod.Get, "/api/programs", bearer: token);

        Assert.Equal((400, 409), (wrongStatus, duplicateStatus));
        Assert.NotNull(wrong!["errors"]!["slug"]);
        Assert.Equal(["core", "npm-eco"], listed!.AsArray().Select(p => p!["slug"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("Triager")]
    [InlineData("OtherProgramAdmin")]
    [InlineData("AdminWithoutTwoFactor")]
    [InlineData("Stranger")]
    [InlineData("Anonymous")]
    public async Task Outsider_EveryAdminRoute_404AndNothingChanges(string role)
    {
        await using var world = await AdminWorld.StartAsync(DatabaseProvider.Sqlite);
        var api = world.Client();
        var token = Enum.TryParse<Role>(role, out var r) ? world.Token(r) : null;
        var admin = world.Token(Role.ProgramAdmin);
        var hook = await api.JsonAsync(HttpMethod.Post, "/api/programs/npm-eco/webhooks",
            """{"url":"https://hooks.example.test/in"}""", admin);
        var before = (await api.JsonAsync(HttpMethod.Get, "/api/programs/npm-eco", bearer: admin))!.ToJsonString();
        var requests = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Get, "/api/programs/npm-eco", null),
            (HttpMethod.Patch, "/api/programs/npm-eco", """{"publicationDays":1}"""),
            (HttpMethod.Post, "/api/programs/npm-eco/members",
                $$"""{"email":"{{AdminWorld.Email(Role.Stranger)}}","role":"admin"}"""),
            (HttpMethod.Post, "/api/programs/npm-eco/maintainers",
                """{"ecosystem":"npm","name":"x","email":"x@example.test"}"""),
            (HttpMethod.Post, "/api/programs/npm-eco/webhooks", """{"url":"https://evil.example.test/"}"""),
            (HttpMethod.Delete, $"/api/programs/npm-eco/webhooks/{hook!["endpoint"]!["id"]}", null),
            (HttpMethod.Post, "/api/programs", """{"slug":"mine","name":"Mine","advisoryIdPrefix":"MINE"}"""),
            // The bounty administration (Bounties/BountiesEndpoints) is the program admins' too.
            (HttpMethod.Put, "/api/programs/npm-eco/bounty-table",
                """{"currency":"EUR","ranges":[{"severity":"high","min":1,"max":2}],"paysFixer":false}"""),
            (HttpMethod.Delete, "/api/programs/npm-eco/bounty-table", null),
            (HttpMethod.Get, "/api/programs/npm-eco/bounties/payouts.csv", null),
            (HttpMethod.Put, "/api/programs/npm-eco/intake-addresses", """{"addresses":["x@npm-eco.test"]}"""),
            // The program's own OpenPGP key: the 404 comes before the key is even read.
            (HttpMethod.Put, "/api/programs/npm-eco/openpgp-key", """{"secretKey":"not a key"}"""),
            (HttpMethod.Get, "/api/programs/npm-eco/openpgp-key", null),
            (HttpMethod.Delete, "/api/programs/npm-eco/openpgp-key", null),
        };

        var statuses = new List<int>();
        foreach (var (method, path, body) in requests)
        {
            var answer = await api.JsonAsync(method, path, body, token);
            statuses.Add(api.LastStatus);
            Assert.DoesNotContain("NPMSEC", answer?.ToJsonString() ?? "", StringComparison.Ordinal);
        }
        var missing = await api.JsonAsync(HttpMethod.Get, "/api/programs/no-such-program", bearer: token);

        Assert.All(statuses, s => Assert.Equal(404, s));
        Assert.Equal(404, api.LastStatus);
        Assert.Equal(before,
            (await api.JsonAsync(HttpMethod.Get, "/api/programs/npm-eco", bearer: admin))!.ToJsonString());
        Assert.Equal(["core", "npm-eco"],
            (await api.JsonAsync(HttpMethod.Get, "/api/programs", bearer: world.Token(Role.InstanceAdmin)))!.AsArray()
                .Select(p => p!["slug"]!.GetValue<string>()));
        _ = missing;
    }

    [Fact]
    public async Task ProgramAdmin_ManagesOwnProgramOnly_ListsItAndCannotCreate()
    {
        await using var world = await AdminWorld.StartAsync(DatabaseProvider.Sqlite);
        var api = world.Client();
        var token = world.Token(Role.ProgramAdmin);

        var listed = await api.JsonAsync(HttpMethod.Get, "/api/programs", bearer: token);
        await api.JsonAsync(HttpMethod.Patch, "/api/programs/npm-eco", """{"publicationDays":60}""", token);
        var own = api.LastStatus;
        await api.JsonAsync(HttpMethod.Get, "/api/programs/core", bearer: token);
        var other = api.LastStatus;
        await api.JsonAsync(HttpMethod.Post, "/api/programs",
            """{"slug":"mine","name":"Mine","advisoryIdPrefix":"MINE"}""", token);

        Assert.Equal(["npm-eco"], listed!.AsArray().Select(p => p!["slug"]!.GetValue<string>()));
        Assert.Equal((200, 404, 404), (own, other, api.LastStatus));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Maintainers_AnotherProgramsRecord_NotListedAndDeleting404(DatabaseProvider provider)
    {
        // Both programs cover npm/node; each admin records a maintainer of it.
        await using var world = await AdminWorld.StartAsync(provider);
        var api = world.Client();
        var mine = await api.JsonAsync(HttpMethod.Post, "/api/programs/core/maintainers",
            """{"ecosystem":"npm","name":"node","email":"core-contact@example.test"}""",
            world.Token(Role.OtherProgramAdmin));
        await api.JsonAsync(HttpMethod.Post, "/api/programs/npm-eco/maintainers",
            """{"ecosystem":"npm","name":"node","email":"npm-contact@example.test"}""", world.Token(Role.ProgramAdmin));

        var npm = (await api.JsonAsync(HttpMethod.Get, "/api/programs/npm-eco",
            bearer: world.Token(Role.ProgramAdmin)))!.ToJsonString();
        await api.JsonAsync(HttpMethod.Delete, $"/api/programs/npm-eco/maintainers/{mine!["id"]}",
            bearer: world.Token(Role.ProgramAdmin));
        var deleted = api.LastStatus;
        var core = (await api.JsonAsync(HttpMethod.Get, "/api/programs/core",
            bearer: world.Token(Role.OtherProgramAdmin)))!["maintainers"]!.AsArray();

        Assert.Contains("npm-contact@example.test", npm, StringComparison.Ordinal);
        Assert.DoesNotContain("core-contact@example.test", npm, StringComparison.Ordinal);
        Assert.Equal(404, deleted);
        Assert.Equal(["core-contact@example.test"], core.Select(m => m!["email"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Token_WithoutAdminScope_403NamesTheScope()
    {
        await using var world = await AdminWorld.StartAsync(DatabaseProvider.Sqlite);
        var api = world.Client();

        var problem = await api.JsonAsync(HttpMethod.Get, "/api/programs/npm-eco", bearer: world.ReadWriteToken);

        Assert.Equal(403, api.LastStatus);
        Assert.Contains("'admin'", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_ProgramRoutes_AreDescribed()
    {
        await using var world = await AdminWorld.StartAsync(DatabaseProvider.Sqlite);

        var document = JsonNode.Parse(await world.Test.Client.GetStringAsync("/openapi/v1.json", AdminWorld.Ct))!;

        var paths = document["paths"]!.AsObject();
        Assert.NotNull(paths["/api/programs"]?["post"]);
        Assert.NotNull(paths["/api/programs/{slug}"]?["patch"]);
        Assert.NotNull(paths["/api/programs/{slug}/webhooks"]?["post"]);
        Assert.NotNull(paths["/api/programs/{slug}/members/{userId}"]?["delete"]);
        Assert.NotNull(paths["/api/programs/{slug}"]!["patch"]!["responses"]!["400"]);
    }

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(s => s!.GetValue<string>());
}
