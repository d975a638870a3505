using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Authorization;

/// <summary>
/// Issue 4, "Confidentiality": every report endpoint and page × every role × every report state, through the
/// real authentication (API tokens of real accounts, the follow-up token, the follow-up cookie). Each report
/// carries unique markers in its title, proof of concept and reporter e-mail; a non-participant's response
/// must never contain any marker, and the proof of concept and e-mail never reach anyone outside the report.
/// </summary>
public class AuthorizationMatrixTests
{
    private static CancellationToken Ct => WebTest.Ct;

    public enum Role { Anonymous, OtherReporter, Reporter, OtherMaintainer, InvitedMaintainer, OtherTeam, Team, Admin }

    private static readonly ReportState[] States =
    [
        ReportState.New, ReportState.NeedsMoreInformation, ReportState.Rejected, ReportState.Accepted, ReportState.MaintainersNotified,
        ReportState.FixInProgress, ReportState.Fixed, ReportState.Published, ReportState.Withdrawn,
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Matrix_EveryRoleEveryStateEveryEndpoint_OnlyParticipantsSeeAndNothingLeaks(DatabaseProvider provider)
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
                foreach (var (method, path, page) in Endpoints(report.Id))
                {
                    var (status, body) = await world.SendAsync(role, report, method, path, page);
                    var expected = Expected(method, path, participant, team, report.State);
                    if (!expected.Contains(status))
                    {
                        failures.Add($"{role} {method} {path} on {report.State.Name()}: {status}, expected {string.Join("/", expected)}");
                    }
                    foreach (var other in world.Reports)
                    {
                        var mayRead = (participant && other == report) || (team && other.Program == report.Program);
                        foreach (var (kind, marker) in other.Markers)
                        {
                            var isPublic = kind is "title" or "description" && other.State is ReportState.Published or ReportState.Withdrawn;
                            var allowed = isPublic || (mayRead && (kind != "email" || team || role == Role.Reporter));
                            if (!allowed && body.Contains(marker, StringComparison.Ordinal))
                            {
                                failures.Add($"LEAK: {role} {method} {path} shows the {kind} of report #{other.Id} ({other.State.Name()})");
                            }
                        }
                    }
                }
            }
        }
        foreach (var path in new[] { "/", "/?q=MX", "/feeds/all.atom", "/packages/npm/deep-merge", "/api/programs/npm-eco/queue", "/programs/npm-eco/queue" })
        {
            var (_, body) = await world.SendAsync(Role.Anonymous, world.Reports[0], HttpMethod.Get, path, page: !path.StartsWith("/api", StringComparison.Ordinal));
            foreach (var other in world.Reports)
            {
                foreach (var (kind, marker) in other.Markers)
                {
                    var isPublic = kind is "title" or "description" && other.State is ReportState.Published or ReportState.Withdrawn;
                    if (!isPublic && body.Contains(marker, StringComparison.Ordinal))
                    {
                        failures.Add($"LEAK: anonymous GET {path} shows the {kind} of report #{other.Id} ({other.State.Name()})");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static IEnumerable<(HttpMethod Method, string Path, bool Page)> Endpoints(long id) =>
    [
        (HttpMethod.Get, $"/api/reports/{id}", false),
        (HttpMethod.Get, $"/reports/{id}", true),
        (HttpMethod.Post, $"/api/reports/{id}/comments", false),
        (HttpMethod.Post, $"/api/reports/{id}/accept", false),
        (HttpMethod.Get, $"/api/reports/{id}/cve-record", false),
    ];

    /// <summary>Participants read and comment; only the team decides (409 when the state does not allow it); everyone else gets 404.</summary>
    private static int[] Expected(HttpMethod method, string path, bool participant, bool team, ReportState state)
    {
        if (!participant)
        {
            return [404];
        }
        if (path.EndsWith("/accept", StringComparison.Ordinal))
        {
            // The first team member to try accepts a new report; a reporter's comment sends a report that
            // needed information back to new. After that, accepting again is a conflict.
            return team && state is ReportState.New or ReportState.NeedsMoreInformation ? [204, 409] : [409];
        }
        if (path.EndsWith("/cve-record", StringComparison.Ordinal))
        {
            return [409]; // no CVE id on these reports; for non-team participants: "only the team"
        }
        return method == HttpMethod.Post ? [201] : [200];
    }

    private sealed record MatrixReport(long Id, string Program, ReportState State, string Token, IReadOnlyList<(string Kind, string Marker)> Markers);

    private sealed class World(WebTest test)
    {
        private readonly Dictionary<Role, string> _tokens = [];

        public List<MatrixReport> Reports { get; } = [];

        public string OtherToken { get; private set; } = "";

        public static async Task<World> BuildAsync(WebTest test)
        {
            var world = new World(test);
            using var scope = test.Factory.Services.CreateScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<VigilDbContext>();
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC", new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("core", "runtime core", "CORE", new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
            var ids = new Dictionary<Role, Guid>();
            foreach (var role in new[] { Role.OtherMaintainer, Role.InvitedMaintainer, Role.OtherTeam, Role.Team, Role.Admin })
            {
                var users = services.GetRequiredService<UserManager<VigilUser>>();
                var user = new VigilUser { UserName = $"{role}@example.test", Email = $"{role}@example.test", TwoFactorEnabled = role is Role.OtherTeam or Role.Team or Role.Admin, IsInstanceAdmin = role == Role.Admin };
                Assert.True((await users.CreateAsync(user, "a long enough password")).Succeeded);
                ids[role] = user.Id;
                world._tokens[role] = (await new ApiTokens(db, TimeProvider.System).CreateAsync(user.Id, "matrix", [ApiScopes.ReportsRead, ApiScopes.ReportsWrite], null, Ct)).Secret;
            }
            await new AddProgramMember(db, TimeProvider.System).ExecuteAsync("npm-eco", ids[Role.Team], ProgramRole.Triager, Ct);
            await new AddProgramMember(db, TimeProvider.System).ExecuteAsync("core", ids[Role.OtherTeam], ProgramRole.Triager, Ct);
            await new AddPackageMaintainer(db, TimeProvider.System).ExecuteAsync("npm", "left-pad", ids[Role.OtherMaintainer], null, Ct);

            var decider = Actor.User(Guid.NewGuid(), isInstanceAdmin: true);
            foreach (var state in States)
            {
                var tag = $"MX{state}{Guid.NewGuid():N}"[..24];
                var request = new SubmitReportRequest([new ReportPackageInput("npm", "deep-merge", "<=1.4.1")], $"Title T-{tag}", $"Description D-{tag}",
                    ProofOfConcept: $"poc P-{tag}", ReporterEmail: $"e-{tag}@example.test".ToLowerInvariant());
                var submitted = await services.GetRequiredService<SubmitReport>().ExecuteAsync("npm-eco", request, Actor.Anonymous, Ct);
                await Drive(services, submitted.Id, state, decider, ids[Role.InvitedMaintainer]);
                world.Reports.Add(new MatrixReport(submitted.Id, "npm-eco", state, submitted.FollowUpToken!,
                    [("title", $"T-{tag}"), ("description", $"D-{tag}"), ("poc", $"P-{tag}"), ("email", $"e-{tag}".ToLowerInvariant())]));
            }
            // The "other reporter" holds the token of a report in the other program.
            var other = await services.GetRequiredService<SubmitReport>().ExecuteAsync("core",
                new SubmitReportRequest([new ReportPackageInput("npm", "left-pad", "*")], "Other", "Other report"), Actor.Anonymous, Ct);
            world.OtherToken = other.FollowUpToken!;
            return world;
        }

        private static async Task Drive(IServiceProvider services, long id, ReportState state, Actor decider, Guid maintainer)
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
            if (state is ReportState.FixInProgress or ReportState.Fixed)
            {
                await advance.StartFixAsync(id, decider, Ct);
            }
            if (state == ReportState.Fixed)
            {
                await advance.MarkFixedAsync(id, decider, new Dictionary<string, string> { ["deep-merge"] = "1.4.2" }, Ct);
            }
            if (state is ReportState.Published or ReportState.Withdrawn)
            {
                await services.GetRequiredService<PublishReport>().ExecuteAsync(id, decider, Ct);
            }
            if (state == ReportState.Withdrawn)
            {
                await services.GetRequiredService<WithdrawReport>().ExecuteAsync(id, decider, "not a vulnerability", Ct);
            }
        }

        public bool IsParticipant(Role role, MatrixReport report) => role switch
        {
            Role.Reporter or Role.Team or Role.Admin => true,
            Role.InvitedMaintainer => report.State is ReportState.MaintainersNotified or ReportState.FixInProgress or ReportState.Fixed or ReportState.Published or ReportState.Withdrawn,
            _ => false,
        };

        public async Task<(int Status, string Body)> SendAsync(Role role, MatrixReport report, HttpMethod method, string path, bool page)
        {
            using var client = test.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post)
            {
                request.Content = new StringContent("""{"text":"matrix comment"}""", System.Text.Encoding.UTF8, "application/json");
            }
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
            else if (_tokens.TryGetValue(role, out var token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            using var response = await client.SendAsync(request, Ct);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }
    }
}
