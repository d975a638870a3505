using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;
using Role = Vigil.Web.Tests.Reports.ReportWorld.Role;

namespace Vigil.Web.Tests.Reports;

/// <summary><c>POST /api/programs/{slug}/reports/bulk</c>: one triage answer for many; 404 outside the team, all or
/// none.</summary>
public class BulkTriageApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bulk_RejectAsSpam_ByTheTeam_OthersRefusedAndNothingChanges(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var first = await world.SubmitAsync();
        var second = await world.SubmitAsync();
        var before = await world.SnapshotAsync(first.Id);
        var body =
            $$"""{"ids":[{{first.Id}},{{second.Id}}],"action":"reject","reason":"spam","text":"Not a report."}""";

        Assert.Equal(404,
            (await world.SendAsync(Role.Stranger, HttpMethod.Post, "/api/programs/npm-eco/reports/bulk", body)).Status);
        Assert.Equal(404,
            (await world.SendAsync(Role.OtherTeam, HttpMethod.Post, "/api/programs/npm-eco/reports/bulk",
                body)).Status);
        Assert.Equal(409,
            (await world.SendAsync(Role.Recused, HttpMethod.Post, "/api/programs/npm-eco/reports/bulk", body)).Status);
        var (badStatus, bad) = await world.SendAsync(Role.Triager, HttpMethod.Post,
            "/api/programs/npm-eco/reports/bulk", """{"ids":[],"action":"close"}""");
        Assert.Equal(400, badStatus);
        Assert.NotNull(bad!["errors"]!["action"]);
        Assert.Equal(before, await world.SnapshotAsync(first.Id));

        var (status, done) = await world.SendAsync(Role.Triager, HttpMethod.Post, "/api/programs/npm-eco/reports/bulk",
            body);

        Assert.Equal(200, status);
        Assert.Equal([first.Id, second.Id], done!["triaged"]!.AsArray().Select(n => n!.GetValue<long>()));
        foreach (var id in new[] { first.Id, second.Id })
        {
            var view = (await world.SendAsync(Role.Triager, HttpMethod.Get, $"/api/reports/{id}")).Body!;
            Assert.Equal(("rejected", "spam"),
                (view["state"]!.GetValue<string>(), view["rejectionReason"]!.GetValue<string>()));
        }
    }
}
