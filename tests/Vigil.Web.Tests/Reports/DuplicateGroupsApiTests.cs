using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;
using Role = Vigil.Web.Tests.Reports.ReportWorld.Role;

namespace Vigil.Web.Tests.Reports;

/// <summary>
/// <c>POST /api/reports/{id}/duplicates/merge</c>: the team merges the later reports of a group of possible duplicates
/// into the report named; a stranger or another program's team gets 404, a recused member 409, a read-only token 403.
/// </summary>
public class DuplicateGroupsApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Merge_ByTheTeam_ClosesTheGroupsLaterReports_OthersAreRefusedAndNothingChanges(
        DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var first = await world.SubmitAsync();
        var second = await world.SubmitAsync();
        var third = await world.SubmitAsync();
        var before = await world.SnapshotAsync(second.Id);
        var readOnly = await world.RunAsync(
            services => new ApiTokens(services.GetRequiredService<VigilDbContext>(), TimeProvider.System)
            .CreateAsync(world.Id(Role.Triager), "read", [ApiScopes.ReportsRead], null, ReportWorld.Ct));

        var view = (await world.SendAsync(Role.Triager, HttpMethod.Get, $"/api/reports/{second.Id}")).Body!;
        Assert.Equal(first.Id, view["duplicateGroup"]!["groupId"]!.GetValue<long>());
        Assert.Equal($"npm/deep-merge: <=1.4.1 overlaps <=1.4.1 of #{first.Id}",
            view["duplicateGroup"]!["members"]![1]!["reason"]!.GetValue<string>());

        var path = $"/api/reports/{first.Id}/duplicates/merge";
        Assert.Equal(404, (await world.SendAsync(Role.Stranger, HttpMethod.Post, path, "{}")).Status);
        Assert.Equal(404, (await world.SendAsync(Role.OtherTeam, HttpMethod.Post, path, "{}")).Status);
        Assert.Equal(404, (await world.SendAsync(Role.Maintainer, HttpMethod.Post, path, "{}")).Status);
        Assert.Equal(409, (await world.SendAsync(Role.Recused, HttpMethod.Post, path, "{}")).Status);
        Assert.Equal(403, (await world.SendAsync(null, HttpMethod.Post, path, "{}", bearer: readOnly.Secret)).Status);
        var (badStatus, bad) = await world.SendAsync(Role.Triager, HttpMethod.Post, path,
            $$"""{"members":[{{second.Id}}, 999999]}""");
        Assert.Equal(400, badStatus);
        Assert.NotNull(bad!["errors"]!["members[1]"]);
        Assert.Equal(before, await world.SnapshotAsync(second.Id));

        var (status, body) = await world.SendAsync(Role.Triager, HttpMethod.Post, path,
            """{"note":"Reported already."}""");

        Assert.Equal(200, status);
        Assert.Equal(first.Id, body!["canonicalId"]!.GetValue<long>());
        Assert.Equal([second.Id, third.Id], body["merged"]!.AsArray().Select(n => n!.GetValue<long>()));
        var merged = (await world.SendAsync(Role.Triager, HttpMethod.Get, $"/api/reports/{third.Id}")).Body!;
        Assert.Equal(("rejected", "duplicate", first.Id),
            (merged["state"]!.GetValue<string>(), merged["rejectionReason"]!.GetValue<string>(),
                merged["duplicateOf"]!.GetValue<long>()));
        // nothing left to merge
        Assert.Equal(409, (await world.SendAsync(Role.Triager, HttpMethod.Post, path, "{}")).Status);
    }
}
