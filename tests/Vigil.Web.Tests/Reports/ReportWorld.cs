using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Attachments;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Reports;

/// <summary>
/// An app with the program <c>npm-eco</c> (scope: npm) and <c>core</c> (scope: npm), and an account with an API
/// token (reports:read and reports:write) per role: a triager of npm-eco, a triager of npm-eco recorded by npm-eco
/// as a maintainer of npm/deep-merge (recused from its reports), a maintainer account, a triager of core, and a
/// stranger. Team accounts have two-factor on. Reports are about npm/deep-merge.
/// </summary>
public sealed class ReportWorld : IAsyncDisposable
{
    public enum Role { Triager, Recused, Maintainer, OtherTeam, Stranger }

    private readonly Dictionary<Role, string> _tokens = [];
    private readonly Dictionary<Role, Guid> _ids = [];

    private ReportWorld(WebTest test) => Test = test;

    public WebTest Test { get; }

    public static CancellationToken Ct => WebTest.Ct;

    public static async Task<ReportWorld> StartAsync(DatabaseProvider provider)
    {
        var world = new ReportWorld(await WebTest.StartAsync(provider, seed: false));
        using var scope = world.Test.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("core", "runtime core", "CORE",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        foreach (var role in Enum.GetValues<Role>())
        {
            var email = Email(role);
            var user = new VigilUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = role.ToString(),
                TwoFactorEnabled = role is Role.Triager or Role.Recused or Role.OtherTeam
            };
            Assert.True((await users.CreateAsync(user, "a long enough password")).Succeeded);
            world._ids[role] = user.Id;
            world._tokens[role] = (await new ApiTokens(db, TimeProvider.System).CreateAsync(user.Id, "world",
                [ApiScopes.ReportsRead, ApiScopes.ReportsWrite], null, Ct)).Secret;
        }
        await new AddProgramMember(db, TimeProvider.System).ExecuteAsync("npm-eco", world._ids[Role.Triager],
            ProgramRole.Triager, Ct);
        await new AddProgramMember(db, TimeProvider.System).ExecuteAsync("npm-eco", world._ids[Role.Recused],
            ProgramRole.Triager, Ct);
        await new AddProgramMember(db, TimeProvider.System).ExecuteAsync("core", world._ids[Role.OtherTeam],
            ProgramRole.Triager, Ct);
        await new AddPackageMaintainer(db, TimeProvider.System).ExecuteAsync("npm-eco", Actor.System, "npm",
            "deep-merge", null, Email(Role.Recused), Ct);
        return world;
    }

    public static string Email(Role role) => $"{role}@example.test".ToLowerInvariant();

    public Guid Id(Role role) => _ids[role];

    public Actor As(Role role) =>
        Actor.User(_ids[role], twoFactor: role is Role.Triager or Role.Recused or Role.OtherTeam);

    /// <summary>Runs use cases directly, as a request would (a fresh scope).</summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = Test.Factory.Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>A report about npm/deep-merge submitted anonymously, with one attachment; returns its id, follow-up
    /// token and attachment id.</summary>
    public Task<(long Id, string Token, long Attachment)> SubmitAsync(string program = "npm-eco") =>
        RunAsync(async services =>
    {
        var submitted = await services.GetRequiredService<SubmitReport>().ExecuteAsync(program,
            new SubmitReportRequest([new ReportPackageInput("npm", "deep-merge", "<=1.4.1")], "Prototype pollution",
                "Merging pollutes Object.prototype."),
            Actor.Anonymous, Ct);
        var attachment = (await services.GetRequiredService<AttachToReport>()
            .ExecuteAsync(submitted.Id, Actor.FollowUp(submitted.FollowUpToken!),
            [new AttachmentUpload("poc.txt", "proof\n"u8.ToArray())], cancellationToken: Ct))[0];
        return (submitted.Id, submitted.FollowUpToken!, attachment);
    });

    /// <summary>Accepted by the triager, with the maintainer account invited (the report is then "maintainers
    /// notified") and an e-mail invitation; returns the e-mail invitation's id and token.</summary>
    public Task<(long InvitationId, string Token)> NotifyMaintainersAsync(long id) => RunAsync(async services =>
    {
        await services.GetRequiredService<TriageReport>().AcceptAsync(id, As(Role.Triager), Ct);
        await services.GetRequiredService<InviteMaintainer>()
            .ExecuteAsync(id, As(Role.Triager), _ids[Role.Maintainer], null, Ct);
        var invitation = await services.GetRequiredService<InviteMaintainer>()
            .ExecuteAsync(id, As(Role.Triager), null, "invitee@example.test", Ct);
        return (invitation.Participant.Id, invitation.Token!);
    });

    /// <summary>What a refused decision must leave as it was: the report row and the counts of everything hanging off
    /// it.</summary>
    public async Task<string> SnapshotAsync(long id)
    {
        await using var db = Test.OpenDatabase();
        var r = await db.Reports.AsNoTracking().SingleAsync(x => x.Id == id, Ct);
        var events = await db.ReportEvents.CountAsync(e => e.ReportId == id, Ct);
        var participants = await db.ReportParticipants.CountAsync(p => p.ReportId == id, Ct);
        var ballots = await db.ExtensionBallots.CountAsync(
            b => db.ExtensionVotes.Any(v => v.Id == b.VoteId && v.ReportId == id), Ct);
        return $"{r.State} rev {r.Revision} cve {r.CveState}/{r.CveId} disclosure {r.DisclosureAt} published "
            + $"{r.PublishedAt} held {r.HeldForReview} "
            + $"events {events} participants {participants} ballots {ballots}";
    }

    public async Task<(int Status, JsonNode? Body)> SendAsync(Role? role, HttpMethod method, string path,
        string? json = null, string? bearer = null)
    {
        using var client = Test.Factory.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false,
                HandleCookies = false
            });
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        if ((bearer ?? (role is { } r ? _tokens[r] : null)) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return ((int)response.StatusCode,
            text.Length == 0 || !text.TrimStart().StartsWith('{') && !text.TrimStart().StartsWith('[') ? null
                : JsonNode.Parse(text));
    }

    public ValueTask DisposeAsync() => Test.DisposeAsync();
}
