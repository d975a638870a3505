using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Programs;

/// <summary>
/// Two programs on a real database: <c>npm-eco</c> (scope: npm) with an admin and a triager, <c>core</c>
/// (scope: npm/node) with its own admin, an instance administrator and a stranger, all registered accounts.
/// Each use case runs on a fresh context, as requests do.
/// </summary>
public sealed class ProgramAdministration : IAsyncDisposable
{
    public const string Slug = "npm-eco";
    public const string OtherSlug = "core";

    private ProgramAdministration(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    public Guid InstanceAdmin { get; } = Guid.NewGuid();
    public Guid ProgramAdmin { get; } = Guid.NewGuid();
    public Guid Triager { get; } = Guid.NewGuid();
    public Guid OtherProgramAdmin { get; } = Guid.NewGuid();
    public Guid Stranger { get; } = Guid.NewGuid();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ProgramAdministration> CreateAsync(DatabaseProvider provider)
    {
        var a = new ProgramAdministration(await TestDatabase.CreateAsync(provider));
        await using var db = a.Open();
        foreach (var (id, name) in new[] { (a.InstanceAdmin, "root"), (a.ProgramAdmin, "admin"), (a.Triager, "triager"),
            (a.OtherProgramAdmin, "other"), (a.Stranger, "stranger") })
        {
            var email = $"{name}@example.test";
            db.Users.Add(new VigilUser
            {
                Id = id,
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                TwoFactorEnabled = true,
                IsInstanceAdmin = id == a.InstanceAdmin,
                SecurityStamp = Guid.NewGuid().ToString(),
            });
        }
        await db.SaveChangesAsync(Ct);
        await new CreateProgram(db, a.Clock).ExecuteAsync(Slug, "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        await new CreateProgram(db, a.Clock).ExecuteAsync(OtherSlug, "runtime core", "CORE",
            new ProgramSettings(ScopePackages: ["npm/node"]), Ct);
        await new AddProgramMember(db, a.Clock).ExecuteAsync(Slug, a.ProgramAdmin, ProgramRole.Admin, Ct);
        await new AddProgramMember(db, a.Clock).ExecuteAsync(Slug, a.Triager, ProgramRole.Triager, Ct);
        await new AddProgramMember(db, a.Clock).ExecuteAsync(OtherSlug, a.OtherProgramAdmin, ProgramRole.Admin, Ct);
        return a;
    }

    public VigilDbContext Open() => Database.Open();

    public async Task<T> Run<T>(Func<VigilDbContext, Task<T>> action)
    {
        await using var db = Open();
        return await action(db);
    }

    public async Task Run(Func<VigilDbContext, Task> action)
    {
        await using var db = Open();
        await action(db);
    }

    public Task<ProgramAdminView> ViewAsync(string slug = Slug) =>
        Run(db => new GetProgramAdmin(db).ExecuteAsync(slug, Actor.System, Ct));

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
