using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;
using Role = Vigil.Web.Tests.Reports.ReportWorld.Role;

namespace Vigil.Web.Tests.Reports;

/// <summary>The team lists a report's participants, removes a maintainer (their access ends at once) and revokes an
/// unused invitation (its link stops working).</summary>
public class ParticipantsApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task List_ByTheTeam_ReporterMaintainersWithInvitationStateAndTeamWhoActed(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var report = await world.SubmitAsync();
        await world.NotifyMaintainersAsync(report.Id);

        var (status, body) = await world.SendAsync(Role.Triager, HttpMethod.Get,
            $"/api/reports/{report.Id}/participants");

        Assert.Equal(200, status);
        var rows = body!.AsArray()
            .Select(
                p =>
                    (Part: p!["part"]!.GetValue<string>(), State: p["state"]!.GetValue<string>(),
                        Email: p["email"]?.GetValue<string>()))
            .ToList();
        Assert.Equal(
            [("reporter", "anonymous", null), ("maintainer", "added", ReportWorld.Email(Role.Maintainer)),
                ("maintainer", "invited", "invitee@example.test"), ("team", "acted", ReportWorld.Email(Role.Triager))],
            rows);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Remove_AMaintainer_TheirAccessToReportAndAttachmentsEndsAndTheTimelineSaysSo(
        DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var report = await world.SubmitAsync();
        await world.NotifyMaintainersAsync(report.Id);
        Assert.Equal(200,
            (await world.SendAsync(Role.Maintainer, HttpMethod.Get,
                $"/api/reports/{report.Id}/attachments/{report.Attachment}")).Status);
        var row = (await world.SendAsync(Role.Triager, HttpMethod.Get, $"/api/reports/{report.Id}/participants")).Body!
            .AsArray()
            .Single(p => p!["state"]!.GetValue<string>() == "added")!["id"]!.GetValue<long>();

        var (status, _) = await world.SendAsync(Role.Triager, HttpMethod.Delete,
            $"/api/reports/{report.Id}/participants/{row}");

        Assert.Equal(204, status);
        Assert.Equal(404, (await world.SendAsync(Role.Maintainer, HttpMethod.Get, $"/api/reports/{report.Id}")).Status);
        Assert.Equal(404,
            (await world.SendAsync(Role.Maintainer, HttpMethod.Get,
                $"/api/reports/{report.Id}/attachments/{report.Attachment}")).Status);
        Assert.Equal(404,
            (await world.SendAsync(Role.Maintainer, HttpMethod.Post, $"/api/reports/{report.Id}/comments",
                """{"text":"still here?"}""")).Status);
        var view = (await world.SendAsync(Role.Triager, HttpMethod.Get, $"/api/reports/{report.Id}")).Body!;
        Assert.Contains(view["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "ParticipantRemoved");
        Assert.DoesNotContain(
            (await world.SendAsync(Role.Triager, HttpMethod.Get, $"/api/reports/{report.Id}/participants")).Body!
                .AsArray(),
            p => p!["id"]?.GetValue<long>() == row);
        Assert.Equal(404,
            (await world.SendAsync(Role.Triager, HttpMethod.Delete,
                $"/api/reports/{report.Id}/participants/{row}")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Revoke_AnUnusedInvitation_ItsTokenNoLongerWorks(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var report = await world.SubmitAsync();
        var (invitation, token) = await world.NotifyMaintainersAsync(report.Id);

        var (status, _) = await world.SendAsync(Role.Triager, HttpMethod.Delete,
            $"/api/reports/{report.Id}/invitations/{invitation}");

        Assert.Equal(204, status);
        Assert.Equal(404,
            (await world.SendAsync(Role.Stranger, HttpMethod.Post, $"/api/reports/{report.Id}/invitation",
                $$"""{"token":"{{token}}"}""")).Status);
        Assert.Equal(404, (await world.SendAsync(Role.Stranger, HttpMethod.Get, $"/api/reports/{report.Id}")).Status);
        var view = (await world.SendAsync(Role.Triager, HttpMethod.Get, $"/api/reports/{report.Id}")).Body!;
        Assert.Contains(view["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "InvitationRevoked");
        Assert.Equal(404,
            (await world.SendAsync(Role.Triager, HttpMethod.Delete,
                $"/api/reports/{report.Id}/invitations/{invitation}")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Revoke_AnAcceptedInvitation_404AndTheMaintainerStays(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var report = await world.SubmitAsync();
        var (invitation, token) = await world.NotifyMaintainersAsync(report.Id);
        Assert.Equal(204,
            (await world.SendAsync(Role.Stranger, HttpMethod.Post, $"/api/reports/{report.Id}/invitation",
                $$"""{"token":"{{token}}"}""")).Status);

        var (status, _) = await world.SendAsync(Role.Triager, HttpMethod.Delete,
            $"/api/reports/{report.Id}/invitations/{invitation}");

        Assert.Equal(404, status);
        Assert.Equal(200, (await world.SendAsync(Role.Stranger, HttpMethod.Get, $"/api/reports/{report.Id}")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Outsiders_ListRemoveRevoke_404AndNothingChanges(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var report = await world.SubmitAsync();
        var (invitation, _) = await world.NotifyMaintainersAsync(report.Id);
        var row = (await world.SendAsync(Role.Triager, HttpMethod.Get, $"/api/reports/{report.Id}/participants")).Body!
            .AsArray()
            .Single(p => p!["state"]!.GetValue<string>() == "added")!["id"]!.GetValue<long>();
        var before = await world.SnapshotAsync(report.Id);
        var failures = new List<string>();

        // The other program's team, a stranger, the invited maintainer, the reporter (follow-up token) and nobody.
        foreach (var (who, bearer) in new (Role?, string?)[] { (Role.OtherTeam, null), (Role.Stranger, null),
            (Role.Maintainer, null), (null, report.Token), (null, null) })
        {
            foreach (var (method, path) in new[]
            {
                (HttpMethod.Get, $"/api/reports/{report.Id}/participants"),
                (HttpMethod.Delete, $"/api/reports/{report.Id}/participants/{row}"),
                (HttpMethod.Delete, $"/api/reports/{report.Id}/invitations/{invitation}"),
            })
            {
                var (status, _) = await world.SendAsync(who, method, path, bearer: bearer);
                if (status != 404)
                {
                    failures.Add(
                        $"{who?.ToString() ?? (bearer is null ? "anonymous" : "reporter")} {method} {path}: {status}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await world.SnapshotAsync(report.Id));
    }
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invite_SameAddressTwice_RenewsTheOneInvitationOnTheRequestsHost(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var report = await world.SubmitAsync();
        await world.NotifyMaintainersAsync(report.Id);

        var first = await world.SendAsync(Role.Triager, HttpMethod.Post, $"/api/reports/{report.Id}/maintainers",
            """{"email":"Second@Example.test"}""");
        var again = await world.SendAsync(Role.Triager, HttpMethod.Post, $"/api/reports/{report.Id}/maintainers",
            """{"email":"second@example.test"}""");

        Assert.Equal((201, 201), (first.Status, again.Status));
        Assert.Equal(first.Body!["participantId"]!.GetValue<long>(), again.Body!["participantId"]!.GetValue<long>());
        // No public address is configured: the link is on the host the request came to (the test server's).
        var oldLink = first.Body["invitationUrl"]!.GetValue<string>();
        var newLink = again.Body["invitationUrl"]!.GetValue<string>();
        Assert.StartsWith($"http://localhost/reports/{report.Id}/invitation#token=vin_", newLink,
            StringComparison.Ordinal);
        Assert.NotEqual(oldLink, newLink);
        var rows = (await world.SendAsync(Role.Triager, HttpMethod.Get, $"/api/reports/{report.Id}/participants")).Body!
            .AsArray();
        Assert.Single(rows,
            p =>
                string.Equals(p!["email"]?.GetValue<string>(), "second@example.test",
                    StringComparison.OrdinalIgnoreCase));
        Assert.Equal(404,
            (await world.SendAsync(Role.Stranger, HttpMethod.Post, $"/api/reports/{report.Id}/invitation",
                Token(oldLink))).Status);
        Assert.Equal(204,
            (await world.SendAsync(Role.Stranger, HttpMethod.Post, $"/api/reports/{report.Id}/invitation",
                Token(newLink))).Status);
        // Accepted: the address takes part, so a third invitation is a conflict.
        Assert.Equal(409,
            (await world.SendAsync(Role.Triager, HttpMethod.Post, $"/api/reports/{report.Id}/maintainers",
                """{"email":"second@example.test"}""")).Status);

        static string Token(string link) => $$"""
            {"token":"{{Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..])}}"}
            """;
    }
}
