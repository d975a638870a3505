using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Programs;

/// <summary>
/// An app with two programs (<c>npm-eco</c>, <c>core</c>) and an account per role, each with an API token:
/// the instance admin, the admin of npm-eco, a triager of npm-eco, the admin of core, an instance admin
/// without two-factor, a stranger, and a token without the <c>admin</c> scope.
/// </summary>
public sealed class AdminWorld : IAsyncDisposable
{
    public enum Role { InstanceAdmin, ProgramAdmin, Triager, OtherProgramAdmin, AdminWithoutTwoFactor, Stranger }

    private readonly Dictionary<Role, string> _tokens = [];

    private AdminWorld(WebTest test) => Test = test;

    public WebTest Test { get; }

    public string ReadWriteToken { get; private set; } = "";

    public static CancellationToken Ct => WebTest.Ct;

    public static async Task<AdminWorld> StartAsync(DatabaseProvider provider)
    {
        var world = new AdminWorld(await WebTest.StartAsync(provider, seed: false));
        using var scope = world.Test.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        await new CreateProgram(db, TimeProvider.System).ExecuteAsync("core", "runtime core", "CORE",
            new ProgramSettings(ScopePackages: ["npm/node"]), Ct);
        var ids = new Dictionary<Role, Guid>();
        foreach (var role in Enum.GetValues<Role>())
        {
            var email = $"{role}@example.test".ToLowerInvariant();
            var user = new VigilUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                TwoFactorEnabled = role != Role.AdminWithoutTwoFactor,
                IsInstanceAdmin = role is Role.InstanceAdmin or Role.AdminWithoutTwoFactor,
            };
            Assert.True((await users.CreateAsync(user, "a long enough password")).Succeeded);
            ids[role] = user.Id;
            world._tokens[role] = (await new ApiTokens(db, TimeProvider.System).CreateAsync(user.Id, "admin",
                [ApiScopes.Admin], null, Ct)).Secret;
        }
        world.ReadWriteToken = (await new ApiTokens(db, TimeProvider.System).CreateAsync(ids[Role.InstanceAdmin], "rw",
            [ApiScopes.ReportsRead, ApiScopes.ReportsWrite], null, Ct)).Secret;
        await new AddProgramMember(db, TimeProvider.System).ExecuteAsync("npm-eco", ids[Role.ProgramAdmin],
            ProgramRole.Admin, Ct);
        await new AddProgramMember(db, TimeProvider.System).ExecuteAsync("npm-eco", ids[Role.Triager],
            ProgramRole.Triager, Ct);
        await new AddProgramMember(db, TimeProvider.System).ExecuteAsync("core", ids[Role.OtherProgramAdmin],
            ProgramRole.Admin, Ct);
        return world;
    }

    public string Token(Role role) => _tokens[role];

    public static string Email(Role role) => $"{role}@example.test".ToLowerInvariant();

    /// <summary>A cookie-less client: the token (or nothing) is the whole identity.</summary>
    public AccountSession Client() => new(Test.Factory.CreateClient());

    public ValueTask DisposeAsync() => Test.DisposeAsync();
}
