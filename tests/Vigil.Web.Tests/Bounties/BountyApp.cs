using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Bounties;

/// <summary>
/// The app with program npm-eco and accounts with API tokens (admin and reports scopes): its admin and a triager
/// (two-factor on), a reporter, an invited maintainer and a stranger. Reports are driven through the use cases.
/// </summary>
public sealed class BountyApp : IAsyncDisposable
{
    public enum Who { Admin, Triager, Reporter, Maintainer, Stranger }

    public const string Password = "a long enough password";
    private readonly Dictionary<Who, string> _tokens = [];
    private readonly Dictionary<Who, Guid> _ids = [];

    private BountyApp(WebTest test) => Test = test;

    public WebTest Test { get; }

    public static CancellationToken Ct => WebTest.Ct;

    public static async Task<BountyApp> StartAsync(DatabaseProvider provider)
    {
        var app = new BountyApp(await WebTest.StartAsync(provider, seed: false));
        using var scope = app.Test.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
        await new CreateProgram(db, TimeProvider.System)
            .ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC", new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        foreach (var who in Enum.GetValues<Who>())
        {
            var email = $"{who}@example.test".ToLowerInvariant();
            var user =
                new VigilUser
                {
                    UserName = email,
                    Email = email,
                    EmailConfirmed = true,
                    TwoFactorEnabled = who is Who.Admin or Who.Triager
                };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            app._ids[who] = user.Id;
            app._tokens[who] =
                (
                    await new ApiTokens(db, TimeProvider.System)
                .CreateAsync(user.Id, "t", [ApiScopes.Admin, ApiScopes.ReportsRead, ApiScopes.ReportsWrite], null, Ct))
                .Secret;
        }
        await new AddProgramMember(db, TimeProvider.System)
            .ExecuteAsync("npm-eco", app._ids[Who.Admin], ProgramRole.Admin, Ct);
        await new AddProgramMember(db, TimeProvider.System)
            .ExecuteAsync("npm-eco", app._ids[Who.Triager], ProgramRole.Triager, Ct);
        return app;
    }

    public Guid Id(Who who) => _ids[who];

    public async Task<(int Status, System.Text.Json.Nodes.JsonNode? Body)> JsonAsync(Who? who, HttpMethod method,
        string path, string? json = null)
    {
        var session = new AccountSession(Test.Factory.CreateClient());
        var body = await session.JsonAsync(method, path, json, who is { } w ? _tokens[w] : null);
        return (session.LastStatus, body);
    }

    public async Task<(int Status, string Text, string? Type)> GetTextAsync(Who? who, string path)
    {
        using var client = Test.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (who is { } w)
        {
            request.Headers.Authorization = new("Bearer", _tokens[w]);
        }
        using var response = await client.SendAsync(request, Ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct),
            response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// A report on <paramref name="package"/> by the reporter account, accepted by the triager, with the maintainer
    /// invited.
    /// </summary>
    public async Task<long> AcceptedReportAsync(string package, string title)
    {
        using var scope = Test.Factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var submitted = await services.GetRequiredService<SubmitReport>()
            .ExecuteAsync("npm-eco", new SubmitReportRequest(
            [new ReportPackageInput("npm", package, "<=1.0.0")], title, "Private description PRIVATE-DESC-31",
                ProofOfConcept: "PRIVATE-POC-77",
            ReporterEmail: "hidden-mail@example.test", CreditName: "Rae Porter"), Actor.User(Id(Who.Reporter)), Ct);
        await services.GetRequiredService<TriageReport>().AcceptAsync(submitted.Id, Actor.User(Id(Who.Triager)), Ct);
        await services.GetRequiredService<InviteMaintainer>()
            .ExecuteAsync(submitted.Id, Actor.User(Id(Who.Triager)), Id(Who.Maintainer), null, Ct);
        await services.GetRequiredService<CommentOnReport>()
            .ExecuteAsync(submitted.Id, Actor.User(Id(Who.Triager)), "INTERNAL-NOTE-WEB-4d", true, Ct);
        return submitted.Id;
    }

    public async Task<string> PublishAsync(long id)
    {
        using var scope = Test.Factory.Services.CreateScope();
        return (
            await scope.ServiceProvider.GetRequiredService<PublishReport>()
            .ExecuteAsync(id, Actor.User(Id(Who.Triager)), Ct)).Id;
    }

    /// <summary>
    /// A cookie session signed in through the pages (with TOTP when the account has two-factor on: its key is set
    /// here).
    /// </summary>
    public async Task<AccountSession> SignInAsync(Who who)
    {
        var session = AccountSession.For(Test.Factory);
        var email = $"{who}@example.test".ToLowerInvariant();
        var (status, location) = await session.LoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/account", location);
        return session;
    }

    public ValueTask DisposeAsync() => Test.DisposeAsync();
}
