using System.Text.Json.Nodes;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;
using Role = Vigil.Web.Tests.Programs.AdminWorld.Role;

namespace Vigil.Web.Tests.Programs;

/// <summary>A program's e-mail intake addresses (docs/email.md): set by its admins through the API, shown on the public
/// program page.</summary>
public class IntakeAddressesApiTests
{
    private static IEnumerable<string> Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>());

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Put_ByTheProgramAdmin_StoredLowerCasedShownInAdminViewAndOnTheProgramPage(
        DatabaseProvider provider)
    {
        await using var world = await AdminWorld.StartAsync(provider);
        var api = world.Client();
        var token = world.Token(Role.ProgramAdmin);

        var set = await api.JsonAsync(HttpMethod.Put, "/api/programs/npm-eco/intake-addresses",
            """{"addresses":["Security@NPM-eco.test","report@npm-eco.test","security@npm-eco.test"]}""", token);
        Assert.True(api.LastStatus == 200, set?.ToJsonString());
        var shown = await api.JsonAsync(HttpMethod.Get, "/api/programs/npm-eco", bearer: token);
        var page = await world.Client().Client.GetStringAsync("/programs/npm-eco", AdminWorld.Ct);
        await api.JsonAsync(HttpMethod.Put, "/api/programs/npm-eco/intake-addresses",
            """{"addresses":["report@npm-eco.test"]}""", token);
        var narrowed = await api.JsonAsync(HttpMethod.Get, "/api/programs/npm-eco", bearer: token);

        Assert.Equal(["security@npm-eco.test", "report@npm-eco.test"], Strings(set!["addresses"]));
        Assert.Equal(["report@npm-eco.test", "security@npm-eco.test"], Strings(shown!["intakeAddresses"]));
        Assert.Contains("<a href=\"mailto:security@npm-eco.test\">security@npm-eco.test</a>", page,
            StringComparison.Ordinal);
        Assert.Equal(["report@npm-eco.test"], Strings(narrowed!["intakeAddresses"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Put_WrongCallerTakenOrMalformedAddress_404Or409Or400AndNothingStored(DatabaseProvider provider)
    {
        await using var world = await AdminWorld.StartAsync(provider);
        var api = world.Client();
        await api.JsonAsync(HttpMethod.Put, "/api/programs/core/intake-addresses",
            """{"addresses":["security@core.test"]}""", world.Token(Role.OtherProgramAdmin));
        Assert.Equal(200, api.LastStatus);
        var statuses = new List<int>();
        foreach (var role in new[] { Role.Triager, Role.Stranger, Role.OtherProgramAdmin, Role.AdminWithoutTwoFactor })
        {
            await api.JsonAsync(HttpMethod.Put, "/api/programs/npm-eco/intake-addresses",
                """{"addresses":["x@npm-eco.test"]}""", world.Token(role));
            statuses.Add(api.LastStatus);
        }
        var taken = await api.JsonAsync(HttpMethod.Put, "/api/programs/npm-eco/intake-addresses",
            """{"addresses":["Security@core.test"]}""", world.Token(Role.ProgramAdmin));
        var takenStatus = api.LastStatus;
        var malformed = await api.JsonAsync(HttpMethod.Put, "/api/programs/npm-eco/intake-addresses",
            """{"addresses":["ok@npm-eco.test","Team <t@npm-eco.test>"]}""", world.Token(Role.ProgramAdmin));
        var malformedStatus = api.LastStatus;
        var shown = await api.JsonAsync(HttpMethod.Get, "/api/programs/npm-eco",
            bearer: world.Token(Role.ProgramAdmin));

        Assert.Equal([404, 404, 404, 404], statuses);
        Assert.Equal(409, takenStatus);
        Assert.Contains("security@core.test", taken!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(400, malformedStatus);
        Assert.NotNull(malformed!["errors"]!["addresses[1]"]);
        Assert.Empty(shown!["intakeAddresses"]!.AsArray());
    }
}
