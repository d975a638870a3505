using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Data;
using Vigil.Core.ExtensionVotes;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Infrastructure;
using Role = Vigil.Web.Tests.Reports.ReportWorld.Role;

namespace Vigil.Web.Tests.Reports;

/// <summary>
/// The four-eyes rule: a team member who maintains an affected package is recused. Every team decision
/// on a report goes through the one rule, so the recused member gets the same refusal from each, and nothing changes.
/// </summary>
public class RecusalSweepTests
{
    private static CancellationToken Ct => WebTest.Ct;

    /// <summary>Every team decision the API offers on a report, with a body that would succeed for a member who is not
    /// recused.</summary>
    private static IEnumerable<(HttpMethod Method, string Path, string? Body)> Decisions(long fresh, long notified,
        long invitation, long maintainerRow, long dispute)
    {
        var soon = DateTimeOffset.UtcNow.AddDays(5).ToString("O");
        yield return (HttpMethod.Post, $"/api/reports/{fresh}/accept", null);
        yield return (HttpMethod.Post, $"/api/reports/{fresh}/reject", """{"reason":"spam"}""");
        yield return (HttpMethod.Post, $"/api/reports/{fresh}/needs-information", """{"question":"which version?"}""");
        yield return (HttpMethod.Post, $"/api/reports/{fresh}/release", "{}");
        yield return (HttpMethod.Post, $"/api/reports/{notified}/maintainers", """{"email":"another@example.test"}""");
        yield return (HttpMethod.Post, $"/api/reports/{notified}/disclosure-date", $$"""{"date":"{{soon}}"}""");
        yield return (HttpMethod.Post, $"/api/reports/{notified}/fix-started", "{}");
        yield return (HttpMethod.Post, $"/api/reports/{notified}/fixed",
            """{"fixedVersions":{"deep-merge":"1.4.2"}}""");
        yield return (HttpMethod.Post, $"/api/reports/{notified}/publish", "{}");
        yield return (HttpMethod.Post, $"/api/reports/{notified}/withdraw", """{"reason":"not a vulnerability"}""");
        yield return (HttpMethod.Post, $"/api/reports/{notified}/cve", """{"action":"request"}""");
        yield return (HttpMethod.Post, $"/api/reports/{notified}/cve", """{"action":"reserve"}""");
        yield return (HttpMethod.Post, $"/api/reports/{notified}/cve",
            """{"action":"record","cveId":"CVE-2026-12345"}""");
        yield return (HttpMethod.Put, $"/api/reports/{notified}/credits",
            """{"credits":[{"name":"Ada","type":"FINDER"}],"references":[]}""");
        yield return (HttpMethod.Post, $"/api/reports/{notified}/extension/ballot", """{"inFavour":true}""");
        yield return (HttpMethod.Put, $"/api/reports/{notified}/bounty", """{"severity":"high","finderAmount":100}""");
        yield return (HttpMethod.Delete, $"/api/reports/{notified}/bounty", null);
        yield return (HttpMethod.Post, $"/api/reports/{notified}/bounty/paid", """{"recipient":"finder"}""");
        yield return (HttpMethod.Delete, $"/api/reports/{notified}/participants/{maintainerRow}", null);
        yield return (HttpMethod.Delete, $"/api/reports/{notified}/invitations/{invitation}", null);
        yield return (HttpMethod.Post, $"/api/reports/{notified}/disputes/{dispute}/decision",
            """{"decision":"accept","reason":"confirmed"}""");
        yield return (HttpMethod.Post, $"/api/reports/{notified}/disputes/{dispute}/vex", null);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryTeamDecision_ByAMaintainerOfTheAffectedPackage_SameFourEyesRefusalAndNothingChanges(
        DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var fresh = await world.SubmitAsync();
        var notified = await world.SubmitAsync();
        var (invitation, _) = await world.NotifyMaintainersAsync(notified.Id);
        await world.RunAsync(
            s =>
                s.GetRequiredService<RequestExtension>()
                    .ExecuteAsync(notified.Id, world.As(Role.Triager), "the fix needs a major release",
                        DateTimeOffset.UtcNow.AddDays(100), Ct));
        var dispute = (await world.SendAsync(Role.Maintainer, HttpMethod.Post, $"/api/reports/{notified.Id}/disputes",
            """{"justification":"component_not_present","impactStatement":"not shipped"}""")).Body!["id"]!
            .GetValue<long>();
        var participants = await world.SendAsync(Role.Recused, HttpMethod.Get,
            $"/api/reports/{notified.Id}/participants");
        // a recused member is still the team: they see the report and its participants
        Assert.Equal(200, participants.Status);
        var maintainerRow = participants.Body!.AsArray().Single(p => p!["state"]!.GetValue<string>() == "added")!["id"]!
            .GetValue<long>();
        var before = (await world.SnapshotAsync(fresh.Id), await world.SnapshotAsync(notified.Id));
        var failures = new List<string>();

        foreach (var (method, path, body) in Decisions(fresh.Id, notified.Id, invitation, maintainerRow, dispute))
        {
            var (status, problem) = await world.SendAsync(Role.Recused, method, path, body);
            var detail = problem?["detail"]?.GetValue<string>() ?? "";
            if (status != 409 || !detail.Contains("four-eyes", StringComparison.Ordinal))
            {
                failures.Add($"{method} {path}: {status} {detail}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, (await world.SnapshotAsync(fresh.Id), await world.SnapshotAsync(notified.Id)));
        // The same decision by a member who is not recused goes through: the refusal above was the rule, not the
        // request.
        Assert.Equal(204,
            (await world.SendAsync(Role.Triager, HttpMethod.Post, $"/api/reports/{notified.Id}/cve",
                """{"action":"request"}""")).Status);
    }
}
