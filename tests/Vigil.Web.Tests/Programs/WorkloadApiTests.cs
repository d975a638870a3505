using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Data;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Infrastructure;
using Role = Vigil.Web.Tests.Programs.AdminWorld.Role;

namespace Vigil.Web.Tests.Programs;

/// <summary><c>GET /api/programs/{slug}/workload</c>: the program's administrators (and instance administrators) with
/// the <c>admin</c> scope; anyone else 404, a token without the scope 403.</summary>
public class WorkloadApiTests
{
    private const string Marker = "WORKLOAD-TITLE-5b1e";

    private static CancellationToken Ct => AdminWorld.Ct;

    internal static async Task<long> SubmitAsync(IServiceProvider root, string slug, string title)
    {
        using var scope = root.CreateScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<SubmitReport>().ExecuteAsync(slug,
            new SubmitReportRequest([new ReportPackageInput("npm", "deep-merge", "<=1.4.1")], title,
                "Merging a crafted object pollutes Object.prototype.", ReporterEmail: "r@example.test"),
            Actor.Anonymous, Ct);
        return submitted.Id;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Get_ProgramAdmin_CountsDeadlinesAndTeam(DatabaseProvider provider)
    {
        await using var world = await AdminWorld.StartAsync(provider);
        var id = await SubmitAsync(world.Test.Factory.Services, "npm-eco", $"Prototype pollution {Marker}");
        var api = world.Client();

        var workload = await api.JsonAsync(HttpMethod.Get, "/api/programs/npm-eco/workload",
            bearer: world.Token(Role.ProgramAdmin));

        Assert.True(api.LastStatus == 200, workload?.ToJsonString());
        Assert.Equal((1, 0), (workload!["open"]!.GetValue<int>(), workload["heldForReview"]!.GetValue<int>()));
        var fresh = workload["byState"]![0]!;
        Assert.Equal(("new", 1, 1), (fresh["state"]!.GetValue<string>(), fresh["underTwoBusinessDays"]!.GetValue<int>(),
            fresh["total"]!.GetValue<int>()));
        var deadline = Assert.Single(workload["deadlines"]!.AsArray())!;
        Assert.Equal((id, "triage", false),
            (deadline["reportId"]!.GetValue<long>(), deadline["deadline"]!.GetValue<string>(),
                deadline["overdue"]!.GetValue<bool>()));
        Assert.Contains(Marker, deadline["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.InRange(deadline["businessDaysLeft"]!.GetValue<int>(), 1, 2);
        Assert.Equal(["admin", "triager"],
            workload["members"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal(AdminWorld.Email(Role.ProgramAdmin), workload["members"]![0]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("InstanceAdmin", 200)]
    [InlineData("Triager", 404)]
    [InlineData("OtherProgramAdmin", 404)]
    [InlineData("AdminWithoutTwoFactor", 404)]
    [InlineData("Stranger", 404)]
    [InlineData("Anonymous", 404)]
    public async Task Get_EachCaller_SeesOr404(string role, int expected)
    {
        await using var world = await AdminWorld.StartAsync(DatabaseProvider.Sqlite);
        await SubmitAsync(world.Test.Factory.Services, "npm-eco", $"Prototype pollution {Marker}");
        var api = world.Client();
        var token = Enum.TryParse<Role>(role, out var r) ? world.Token(r) : null;

        var answer = await api.JsonAsync(HttpMethod.Get, "/api/programs/npm-eco/workload", bearer: token);
        var status = api.LastStatus;
        await api.JsonAsync(HttpMethod.Get, "/api/programs/no-such-program/workload", bearer: token);

        Assert.Equal((expected, 404), (status, api.LastStatus));
        Assert.Equal(expected == 200, (answer?.ToJsonString() ?? "").Contains(Marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_TokenWithoutAdminScope_403NamesTheScope()
    {
        await using var world = await AdminWorld.StartAsync(DatabaseProvider.Sqlite);
        await SubmitAsync(world.Test.Factory.Services, "npm-eco", $"Prototype pollution {Marker}");
        var api = world.Client();

        var problem = await api.JsonAsync(HttpMethod.Get, "/api/programs/npm-eco/workload",
            bearer: world.ReadWriteToken);

        Assert.Equal(403, api.LastStatus);
        Assert.Contains("'admin'", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, problem.ToJsonString(), StringComparison.Ordinal);
    }
}
