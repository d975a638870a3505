using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Programs;

/// <summary>
/// Maintainer records belong to one program: another program's admin cannot recuse or un-recuse this program's
/// team, see its maintainers' e-mails or remove its records. Both programs here cover npm/deep-merge.
/// </summary>
public class MaintainerScopeTests
{
    private const string OtherSlug = "core";

    private static CancellationToken Ct => Disclosure.Ct;

    private static async Task<(Disclosure D, Guid OtherAdmin)> CreateAsync(DatabaseProvider provider)
    {
        var d = await Disclosure.CreateAsync(provider);
        var otherAdmin = Guid.NewGuid();
        await d.Run(async db =>
        {
            foreach (var (id, email) in new[] { (d.Triager, "triager@example.test"),
                (d.OtherTriager, "other-triager@example.test") })
            {
                db.Users.Add(new VigilUser
                {
                    Id = id,
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    TwoFactorEnabled = true,
                    SecurityStamp = Guid.NewGuid().ToString(),
                });
            }
            await db.SaveChangesAsync(Ct);
            await new CreateProgram(db, d.Clock).ExecuteAsync(OtherSlug, "runtime core", "CORE",
                new ProgramSettings(ScopePackages: ["npm/deep-merge"]), Ct);
            await new AddProgramMember(db, d.Clock).ExecuteAsync(OtherSlug, otherAdmin, ProgramRole.Admin, Ct);
        });
        return (d, otherAdmin);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Recusal_AnotherProgramsRecord_DoesNotRecuseButTheProgramsOwnDoes(DatabaseProvider provider)
    {
        var (d, otherAdmin) = await CreateAsync(provider);
        await using var _ = d;
        // The other program's admin records this program's triager as a maintainer of the package.
        await d.Run(
            db =>
                new AddPackageMaintainer(db, d.Clock).ExecuteAsync(OtherSlug, Actor.User(otherAdmin), "npm",
                    "deep-merge", null, "triager@example.test", Ct));
        // This program's admin records the other triager.
        await d.Run(
            db =>
                new AddPackageMaintainer(db, d.Clock).ExecuteAsync(Disclosure.Slug, Actor.User(d.Admin), "npm",
                    "deep-merge", null, "other-triager@example.test", Ct));
        var report = await d.SubmitAsync();

        var queue = await d.Run(
            db => new ListTriageQueue(db, d.Vault, d.Clock).ExecuteAsync(Disclosure.Slug, Actor.User(d.Triager), Ct));
        Assert.False(Assert.Single(queue).Recused);
        Assert.False((await d.ViewAsync(report.Id, Actor.User(d.Triager))).ViewerRecused);
        await Assert.ThrowsAsync<ConflictException>(() => d.AcceptAsync(report.Id, d.OtherTriager));
        await d.AcceptAsync(report.Id, d.Triager);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Maintainers_AnotherProgramsRecord_NotListedAndRemovingIt404(DatabaseProvider provider)
    {
        var (d, otherAdmin) = await CreateAsync(provider);
        await using var _ = d;
        var theirs = await d.Run(
            db =>
                new AddPackageMaintainer(db, d.Clock).ExecuteAsync(OtherSlug, Actor.User(otherAdmin), "npm",
                    "deep-merge", "private-contact@example.test", "triager@example.test", Ct));

        var listed = await d.Run(db => new GetProgramAdmin(db).ExecuteAsync(Disclosure.Slug, Actor.User(d.Admin), Ct));
        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                d.Run(
                    db =>
                        new RemovePackageMaintainer(db).ExecuteAsync(Disclosure.Slug, Actor.User(d.Admin), theirs.Id,
                            Ct)));

        Assert.Empty(listed.Maintainers);
        var kept = Assert.Single(
            (await d.Run(
                db => new GetProgramAdmin(db).ExecuteAsync(OtherSlug, Actor.User(otherAdmin), Ct))).Maintainers);
        Assert.Equal((theirs.Id, "private-contact@example.test"), (kept.Id, kept.Email));
        // The instance-wide account link (command line, no program) is no program's record either.
        var link = await d.Run(
            db => new AddPackageMaintainer(db, d.Clock).ExecuteAsync("npm", "deep-merge", d.Stranger, null, Ct));
        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                d.Run(
                    db =>
                        new RemovePackageMaintainer(db).ExecuteAsync(OtherSlug, Actor.User(otherAdmin), link.Id, Ct)));
        Assert.Single(
            (await d.Run(
                db => new GetProgramAdmin(db).ExecuteAsync(OtherSlug, Actor.User(otherAdmin), Ct))).Maintainers);
    }
}
