using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Attachments;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Authorization;

/// <summary>
/// Confidentiality: every report endpoint and page × every role × every report state, through the real
/// authentication (API tokens of real accounts on the API, their signed-in browser sessions on the pages, the
/// follow-up token, the follow-up cookie). Each report
/// carries unique markers in its title, proof of concept and reporter e-mail; a non-participant's response
/// must never contain any marker, and the proof of concept and e-mail never reach anyone outside the report.
/// </summary>
public class AuthorizationMatrixTests
{
    private static CancellationToken Ct => WebTest.Ct;

    public enum Role { Anonymous, OtherReporter, Reporter, OtherMaintainer, InvitedMaintainer, OtherTeam, Team, Admin }

    private static readonly ReportState[] States =
    [
        ReportState.New, ReportState.NeedsMoreInformation, ReportState.Rejected, ReportState.Accepted,
        ReportState.MaintainersNotified,
        ReportState.FixInProgress, ReportState.Fixed, ReportState.Published, ReportState.Withdrawn,
        ReportState.NotAffected,
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Matrix_EveryRoleEveryStateEveryEndpoint_OnlyParticipantsSeeAndNothingLeaks(
        DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var world = await World.BuildAsync(test);
        var failures = new List<string>();

        foreach (var report in world.Reports)
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                var participant = world.IsParticipant(role, report);
                var team = role is Role.Team or Role.Admin;
                foreach (var endpoint in Endpoints(report))
                {
                    var (method, path, page) = (endpoint.Method, endpoint.Path, endpoint.Page);
                    var expected = endpoint.Expect(role, participant, team, report.State);
                    if (expected is null)
                    {
                        continue; // a team decision that would change the report: covered by the journey tests
                    }
                    var (status, body) = await world.SendAsync(role, report, method, path, page, endpoint.Body);
                    if (!expected.Contains(status))
                    {
                        failures.Add(
                            $"{role} {method} {path} on {report.State.Name()}: {status}, expected "
                                + $"{string.Join("/", expected)}");
                    }
                    foreach (var other in world.Reports)
                    {
                        var mayRead = (participant && other == report) || (team && other.Program == report.Program);
                        foreach (var (kind, marker) in other.Markers)
                        {
                            var isPublic = kind is "title" or "description"
                                && other.State is ReportState.Published or ReportState.Withdrawn;
                            var allowed = isPublic
                                || (mayRead
                                    && (kind is not ("email" or "internal") || team
                                        || (kind == "email" && role == Role.Reporter)));
                            if (!allowed && body.Contains(marker, StringComparison.Ordinal))
                            {
                                failures.Add(
                                    $"LEAK: {role} {method} {path} shows the {kind} of report #{other.Id} "
                                        + $"({other.State.Name()})");
                            }
                        }
                    }
                }
            }
        }
        foreach (var path in new[] { "/", "/?q=MX", "/feeds/all.atom", "/packages/npm/deep-merge",
            "/api/programs/npm-eco/queue", "/programs/npm-eco/queue", "/api/programs/npm-eco/workload",
            "/programs/npm-eco/workload", "/api/vex" })
        {
            var (_, body) = await world.SendAsync(Role.Anonymous, world.Reports[0], HttpMethod.Get, path,
                page: !path.StartsWith("/api", StringComparison.Ordinal));
            foreach (var other in world.Reports)
            {
                foreach (var (kind, marker) in other.Markers)
                {
                    var isPublic = kind is "title" or "description"
                        && other.State is ReportState.Published or ReportState.Withdrawn;
                    if (!isPublic && body.Contains(marker, StringComparison.Ordinal))
                    {
                        failures.Add(
                            $"LEAK: anonymous GET {path} shows the {kind} of report #{other.Id} "
                                + $"({other.State.Name()})");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private sealed record Endpoint(HttpMethod Method, string Path, bool Page, Func<HttpContent?> Body,
        Func<Role, bool, bool, ReportState, int[]?> Expect);

    private static HttpContent Json(string json) =>
        new StringContent(json, System.Text.Encoding.UTF8, "application/json");

    private static bool Embargoed(ReportState state) =>
        state is ReportState.Accepted or ReportState.MaintainersNotified or ReportState.FixInProgress
            or ReportState.Fixed;

    /// <summary>Each endpoint with its expected answers; null = not sent for that caller (a team decision that would
    /// change the report: the journey tests cover those).</summary>
    private static IEnumerable<Endpoint> Endpoints(MatrixReport report)
    {
        var id = report.Id;
        // Reads and the conversation: participants, or 404.
        yield return new(HttpMethod.Get, $"/api/reports/{id}", false, () => null, (_, p, _, _) => p ? [200] : [404]);
        yield return new(HttpMethod.Get, $"/reports/{id}", true, () => null, (_, p, _, _) => p ? [200] : [404]);
        yield return new(HttpMethod.Post, $"/api/reports/{id}/comments", false,
            () => Json("""{"text":"matrix comment"}"""), (_, p, _, _) => p ? [201] : [404]);
        yield return new(HttpMethod.Get, $"/api/reports/{id}/attachments/{report.Attachment}", false, () => null,
            (_, p, _, _) => p ? [200] : [404]);
        yield return new(HttpMethod.Get, $"/reports/{id}/attachments/{report.Attachment}", true, () => null,
            (_, p, _, _) => p ? [200] : [404]);
        yield return new(HttpMethod.Get, $"/api/reports/{id}/attachments/{report.InternalAttachment}", false,
            () => null, (_, _, t, _) => t ? [200] : [404]);
        yield return new(HttpMethod.Get, $"/reports/{id}/attachments/{report.InternalAttachment}", true, () => null,
            (_, _, t, _) => t ? [200] : [404]);
        yield return new(HttpMethod.Post, $"/api/reports/{id}/attachments", false,
            () =>
                new MultipartFormDataContent { { new ByteArrayContent("matrix\n"u8.ToArray()), "file", "matrix.txt" } },
            (_, p, _, _) => p ? [201] : [404]);
        // A program's workload: its administrators only (here the instance administrator, signed in with two-factor);
        // its API needs the admin scope, which no token here holds.
        yield return new(HttpMethod.Get, $"/programs/{report.Program}/workload", true, () => null,
            (r, _, _, _) => r == Role.Admin ? [200] : [404]);
        yield return new(HttpMethod.Get, $"/api/programs/{report.Program}/workload", false, () => null,
            (r, _, _, _) => r == Role.Anonymous ? [404] : [403, 404]);
        // The program's saved replies are its team's alone, whatever the report.
        var replies = $"/api/programs/{report.Program}/saved-replies";
        yield return new(HttpMethod.Get, replies, false, () => null, (_, _, t, _) => t ? [200] : [404]);
        yield return new(HttpMethod.Get, replies[4..], true, () => null, (_, _, t, _) => t ? [200] : [404]);
        yield return new(HttpMethod.Post, replies, false, () => Json("""{"title":"Matrix","body":"matrix"}"""),
            (_, _, t, _) => t ? [201, 409] : [404]);
        yield return new(HttpMethod.Delete, $"{replies}/{long.MaxValue}", false, () => null, (_, _, _, _) => [404]);
        // The participant list is the team's only; removing or revoking an id that is not there is 404 for everyone.
        yield return new(HttpMethod.Get, $"/api/reports/{id}/participants", false, () => null,
            (_, _, t, _) => t ? [200] : [404]);
        yield return new(HttpMethod.Delete, $"/api/reports/{id}/participants/{long.MaxValue}", false, () => null,
            (_, _, _, _) => [404]);
        yield return new(HttpMethod.Delete, $"/api/reports/{id}/invitations/{long.MaxValue}", false, () => null,
            (_, _, _, _) => [404]);
        // no CVE id; non-team: "only the team"
        yield return new(HttpMethod.Get, $"/api/reports/{id}/cve-record", false, () => null,
            (_, p, _, _) => p ? [409] : [404]);
        // The first team member to try accepts a new report; a reporter's comment sends a report that needed
        // information back to new. After that, accepting again is a conflict.
        yield return new(HttpMethod.Post, $"/api/reports/{id}/accept", false, () => null,
            (_, p, t, s) =>
                !p ? [404] : t && s is ReportState.New or ReportState.NeedsMoreInformation ? [204, 409] : [409]);
        // Team decisions: 404 for outsiders, 409 for participants outside the team.
        foreach (var (action, body) in new[]
        {
            ("reject", """{"reason":"spam"}"""), ("needs-information", """{"question":"which version?"}"""),
            ("maintainers", """{"email":"m@example.test"}"""),
            ("disclosure-date", $$"""{"date":"{{DateTimeOffset.UtcNow.AddDays(5):O}}"}"""), ("publish", "{}"),
            ("withdraw", """{"reason":"matrix"}"""),
            ("cve", """{"action":"request"}"""), ("release", "{}"),
        })
        {
            yield return new(HttpMethod.Post, $"/api/reports/{id}/{action}", false, () => Json(body),
                (_, p, t, _) => t ? null : p ? [409] : [404]);
        }
        // The invited maintainer moves the fix along (fix-started is sent first, so a notified report is then in
        // progress).
        yield return new(HttpMethod.Post, $"/api/reports/{id}/fix-started", false, () => Json("{}"),
            (r, p, t, s) =>
                t ? null : !p ? [404] : r == Role.InvitedMaintainer && s == ReportState.MaintainersNotified ? [204]
                    : [409]);
        yield return new(HttpMethod.Post, $"/api/reports/{id}/fixed", false,
            () => Json("""{"fixedVersions":{"deep-merge":"1.4.2"}}"""),
            (r, p, t, s) =>
                t ? null : !p ? [404]
                    : r == Role.InvitedMaintainer && s is ReportState.MaintainersNotified or ReportState.FixInProgress
                    ? [204] : [409]);
        // Any participant may ask for an extension while the report is embargoed; the reporter and the team vote.
        yield return new(HttpMethod.Post, $"/api/reports/{id}/extension", false,
            () => Json($$"""{"reason":"matrix","proposedDueAt":"{{DateTimeOffset.UtcNow.AddDays(200):O}}"}"""),
            (_, p, t, s) => t ? null : !p ? [404] : Embargoed(s) ? [204, 409] : [409]);
        yield return new(HttpMethod.Post, $"/api/reports/{id}/extension/ballot", false,
            () => Json("""{"inFavour":true}"""),
            (r, p, t, s) => t ? null : !p ? [404] : r == Role.Reporter && Embargoed(s) ? [204] : [409]);
        // A credited participant keeps a credit but anonymous (409 without a credit of theirs or once published).
        yield return new(HttpMethod.Put, $"/api/reports/{id}/credits/anonymous", false,
            () => Json("""{"anonymous":true}"""),
            (_, p, _, _) => p ? [204, 409] : [404]);
        // Disputes: participants read them; only the invited maintainer opens one (then one waits: 409), on an accepted
        // or published report; deciding and publishing one are team decisions (no dispute of that id: 404 to the team).
        yield return new(HttpMethod.Get, $"/api/reports/{id}/disputes", false, () => null,
            (_, p, _, _) => p ? [200] : [404]);
        yield return new(HttpMethod.Post, $"/api/reports/{id}/disputes", false,
            () => Json("""{"justification":"component_not_present","impactStatement":"matrix"}"""),
            (r, p, _, s) => !p ? [404]
                : r == Role.InvitedMaintainer && (Embargoed(s) || s == ReportState.Published) ? [201, 409] : [409]);
        foreach (var action in new[] { "decision", "vex" })
        {
            yield return new(HttpMethod.Post, $"/api/reports/{id}/disputes/{long.MaxValue}/{action}", false,
                () => Json("""{"decision":"accept","reason":"matrix"}"""),
                (_, p, t, _) => t ? [404] : p ? [409] : [404]);
        }
        // An invitation needs a signed-in account (409 otherwise, whatever the report); a wrong token is 404 for
        // everyone.
        yield return new(HttpMethod.Post, $"/api/reports/{id}/invitation", false,
            () => Json("""{"token":"vin_wrong"}"""),
            (r, _, _, _) => r is Role.Anonymous or Role.Reporter or Role.OtherReporter ? [409] : [404]);
    }

    private sealed record MatrixReport(long Id, string Program, ReportState State, string Token,
        IReadOnlyList<(string Kind, string Marker)> Markers, long Attachment, long InternalAttachment);

    private sealed class World(WebTest test)
    {
        private readonly Dictionary<Role, string> _tokens = [];
        private readonly Dictionary<Role, Accounts.AccountSession> _sessions = [];

        public List<MatrixReport> Reports { get; } = [];

        public string OtherToken { get; private set; } = "";

        public static async Task<World> BuildAsync(WebTest test)
        {
            var world = new World(test);
            using var scope = test.Factory.Services.CreateScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<VigilDbContext>();
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("core", "runtime core", "CORE",
                new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
            var ids = new Dictionary<Role, Guid>();
            foreach (var role in new[] { Role.OtherMaintainer, Role.InvitedMaintainer, Role.OtherTeam, Role.Team,
                Role.Admin })
            {
                var users = services.GetRequiredService<UserManager<VigilUser>>();
                var user = new VigilUser
                {
                    UserName = $"{role}@example.test",
                    Email = $"{role}@example.test",
                    EmailConfirmed = true,
                    TwoFactorEnabled = role is Role.OtherTeam or Role.Team or Role.Admin,
                    IsInstanceAdmin = role == Role.Admin
                };
                Assert.True((await users.CreateAsync(user, "a long enough password")).Succeeded);
                ids[role] = user.Id;
                world._tokens[role] = (await new ApiTokens(db, TimeProvider.System).CreateAsync(user.Id, "matrix",
                    [ApiScopes.ReportsRead, ApiScopes.ReportsWrite], null, Ct)).Secret;
                string? key = null;
                if (user.TwoFactorEnabled)
                {
                    await users.ResetAuthenticatorKeyAsync(user);
                    key = await users.GetAuthenticatorKeyAsync(user);
                }
                world._sessions[role] = await Accounts.AccountSession.SignInAsync(test.Factory, user.Email!,
                    "a long enough password", key);
            }
            await new AddProgramMember(db, TimeProvider.System).ExecuteAsync("npm-eco", ids[Role.Team],
                ProgramRole.Triager, Ct);
            await new AddProgramMember(db, TimeProvider.System).ExecuteAsync("core", ids[Role.OtherTeam],
                ProgramRole.Triager, Ct);
            await new AddPackageMaintainer(db, TimeProvider.System).ExecuteAsync("npm", "left-pad",
                ids[Role.OtherMaintainer], null, Ct);

            var decider = Actor.User(Guid.NewGuid(), isInstanceAdmin: true);
            foreach (var state in States)
            {
                var tag = $"MX{state}{Guid.NewGuid():N}"[..24];
                var request = new SubmitReportRequest([new ReportPackageInput("npm", "deep-merge", "<=1.4.1")],
                    $"Title T-{tag}", $"Description D-{tag}",
                    ProofOfConcept: $"poc P-{tag}", ReporterEmail: $"e-{tag}@example.test".ToLowerInvariant());
                request = request with
                {
                    Attachments = [
                        new AttachmentUpload($"A-{tag}.txt",
                            System.Text.Encoding.UTF8.GetBytes($"attached F-{tag}"))]
                };
                var submitted = await services.GetRequiredService<SubmitReport>()
                    .ExecuteAsync("npm-eco", request, Actor.Anonymous, Ct);
                var attachments = services.GetRequiredService<AttachToReport>();
                var reporterFile = (await attachments.ExecuteAsync(submitted.Id,
                    Actor.FollowUp(submitted.FollowUpToken!),
                    [new AttachmentUpload("second.txt", "second file\n"u8.ToArray())], cancellationToken: Ct))[0];
                var internalFile = (await attachments.ExecuteAsync(submitted.Id, decider,
                    [new AttachmentUpload($"I-{tag}.txt", System.Text.Encoding.UTF8.GetBytes($"internal N-{tag}"))],
                    internalOnly: true, Ct))[0];
                await services.GetRequiredService<CommentOnReport>()
                    .ExecuteAsync(submitted.Id, decider, $"note O-{tag}", internalNote: true, Ct);
                await Drive(services, submitted.Id, state, decider, ids[Role.InvitedMaintainer]);
                world.Reports.Add(new MatrixReport(submitted.Id, "npm-eco", state, submitted.FollowUpToken!,
                    [("title", $"T-{tag}"), ("description", $"D-{tag}"), ("poc", $"P-{tag}"),
                        ("email", $"e-{tag}".ToLowerInvariant()),
                        ("attachment", $"A-{tag}"), ("attachment", $"F-{tag}"), ("internal", $"I-{tag}"),
                        ("internal", $"N-{tag}"), ("internal", $"O-{tag}")],
                    reporterFile, internalFile));
            }
            // The "other reporter" holds the token of a report in the other program.
            var other = await services.GetRequiredService<SubmitReport>().ExecuteAsync("core",
                new SubmitReportRequest([new ReportPackageInput("npm", "left-pad", "*")], "Other", "Other report"),
                Actor.Anonymous, Ct);
            world.OtherToken = other.FollowUpToken!;
            return world;
        }

        private static async Task Drive(IServiceProvider services, long id, ReportState state, Actor decider,
            Guid maintainer)
        {
            var triage = services.GetRequiredService<TriageReport>();
            if (state == ReportState.NeedsMoreInformation)
            {
                await triage.AskForInformationAsync(id, decider, "which version?", Ct);
                return;
            }
            if (state == ReportState.Rejected)
            {
                await triage.RejectAsync(id, decider, RejectionReason.NotApplicable, null, null, Ct);
                return;
            }
            if (state == ReportState.New)
            {
                return;
            }
            await triage.AcceptAsync(id, decider, Ct);
            if (state == ReportState.Accepted)
            {
                return;
            }
            await services.GetRequiredService<InviteMaintainer>().ExecuteAsync(id, decider, maintainer, null, Ct);
            var advance = services.GetRequiredService<AdvanceReport>();
            if (state == ReportState.NotAffected)
            {
                var dispute = await services.GetRequiredService<DisputeReport>().ExecuteAsync(id,
                    Actor.User(maintainer), new DisputeInput("component_not_present", "not shipped"), Ct);
                await services.GetRequiredService<DecideDispute>()
                    .ExecuteAsync(id, dispute, decider, true, "confirmed", null, Ct);
                return;
            }
            if (state is ReportState.FixInProgress or ReportState.Fixed)
            {
                await advance.StartFixAsync(id, decider, Ct);
            }
            if (state == ReportState.Fixed)
            {
                await advance.MarkFixedAsync(id, decider, new Dictionary<string, string> { ["deep-merge"] = "1.4.2" },
                    Ct);
            }
            if (state is ReportState.Published or ReportState.Withdrawn)
            {
                await services.GetRequiredService<PublishReport>().ExecuteAsync(id, decider, Ct);
            }
            if (state == ReportState.Withdrawn)
            {
                await services.GetRequiredService<WithdrawReport>()
                    .ExecuteAsync(id, decider, "not a vulnerability", Ct);
            }
        }

        public bool IsParticipant(Role role, MatrixReport report) => role switch
        {
            Role.Reporter or Role.Team or Role.Admin => true,
            Role.InvitedMaintainer =>
                report.State is ReportState.MaintainersNotified or ReportState.FixInProgress or ReportState.Fixed
                    or ReportState.Published or ReportState.Withdrawn or ReportState.NotAffected,
            _ => false,
        };

        public async Task<(int Status, string Body)> SendAsync(Role role, MatrixReport report, HttpMethod method,
            string path, bool page, Func<HttpContent?>? body = null)
        {
            // The pages take the account's browser session; the API its token.
            using var fresh = test.Factory.CreateClient(
                new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
                {
                    AllowAutoRedirect = false,
                    HandleCookies = false
                });
            var client = page && _sessions.TryGetValue(role, out var session) ? session.Client : fresh;
            using var request = new HttpRequestMessage(method, path) { Content = body?.Invoke() };
            var followUp = role switch
            {
                Role.Reporter => report.Token,
                Role.OtherReporter => OtherToken,
                _ => null,
            };
            if (followUp is not null)
            {
                if (page)
                {
                    request.Headers.Add("Cookie", $"vigil.followup.{report.Id}={followUp}");
                }
                else
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", followUp);
                }
            }
            else if (!page && _tokens.TryGetValue(role, out var token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            using var response = await client.SendAsync(request, Ct);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }
    }
}
