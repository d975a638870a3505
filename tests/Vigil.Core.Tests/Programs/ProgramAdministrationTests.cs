using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Programs;

/// <summary>Program administration (programs, team, policy) — who may manage a program, and what a wrong setting
/// does.</summary>
public class ProgramAdministrationTests
{
    private static CancellationToken Ct => ProgramAdministration.Ct;

    public enum Caller
    {
        InstanceAdmin, InstanceAdminWithoutTwoFactor, ProgramAdmin, ProgramAdminWithoutTwoFactor,
        Triager, OtherProgramAdmin, Stranger, Anonymous
    }

    private static Actor ActorFor(ProgramAdministration a, Caller caller) => caller switch
    {
        Caller.InstanceAdmin => Actor.User(a.InstanceAdmin, isInstanceAdmin: true),
        Caller.InstanceAdminWithoutTwoFactor => Actor.User(a.InstanceAdmin, isInstanceAdmin: true, twoFactor: false),
        Caller.ProgramAdmin => Actor.User(a.ProgramAdmin),
        Caller.ProgramAdminWithoutTwoFactor => Actor.User(a.ProgramAdmin, twoFactor: false),
        Caller.Triager => Actor.User(a.Triager),
        Caller.OtherProgramAdmin => Actor.User(a.OtherProgramAdmin),
        Caller.Stranger => Actor.User(a.Stranger),
        _ => Actor.Anonymous,
    };

    // caller, may manage npm-eco, may create programs
    public static TheoryData<Caller, bool, bool> Callers => new()
    {
        { Caller.InstanceAdmin, true, true },
        { Caller.InstanceAdminWithoutTwoFactor, false, false },
        { Caller.ProgramAdmin, true, false },
        { Caller.ProgramAdminWithoutTwoFactor, false, false },
        { Caller.Triager, false, false },
        { Caller.OtherProgramAdmin, false, false },
        { Caller.Stranger, false, false },
        { Caller.Anonymous, false, false },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Manage_EachCaller_AllowedOrNotFound(Caller caller, bool manages, bool creates)
    {
        await using var a = await ProgramAdministration.CreateAsync(DatabaseProvider.Sqlite);
        var actor = ActorFor(a, caller);

        var view = await Outcome(
            () => a.Run(db => new GetProgramAdmin(db).ExecuteAsync(ProgramAdministration.Slug, actor, Ct)));
        var update = await Outcome(
            () =>
                a.Run(
                    db =>
                        new UpdateProgramPolicy(db).ExecuteAsync(ProgramAdministration.Slug, actor,
                            new ProgramSettings(PublicationDays: 90), Ct)));
        var webhook = await Outcome(
            () =>
                a.Run(
                    db =>
                        new AddWebhookEndpoint(db).ExecuteAsync(ProgramAdministration.Slug, actor,
                            "https://hooks.example.test/vigil", null, Ct)));
        var create = await Outcome(
            () =>
                a.Run(db => new CreateProgram(db, a.Clock).ExecuteAsync(actor, "new-program", "New", "NEW", null, Ct)));

        Assert.Equal(manages, view);
        Assert.Equal(manages, update);
        Assert.Equal(manages, webhook);
        Assert.Equal(creates, create);
        Assert.Equal(manages ? 90 : 45, (await a.ViewAsync()).PublicationDays);
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task ListPrograms_EachCaller_SeesWhatItManages(Caller caller, bool manages, bool creates)
    {
        await using var a = await ProgramAdministration.CreateAsync(DatabaseProvider.Sqlite);
        var actor = ActorFor(a, caller);

        var list = await Listed(() => a.Run(db => new ListPrograms(db).ExecuteAsync(actor, Ct)));

        string[] expected = creates ? ["core", "npm-eco"] : manages ? ["npm-eco"] : caller == Caller.OtherProgramAdmin
            ? ["core"] : [];
        Assert.Equal(expected, list);
    }

    public static TheoryData<ProgramSettings, string> WrongSettings => new()
    {
        { new ProgramSettings(TriageBusinessDays: 0), "triageBusinessDays" },
        { new ProgramSettings(PublicationDays: 400), "publicationDays" },
        { new ProgramSettings(TimeZone: "Mars/Olympus_Mons"), "timeZone" },
        { new ProgramSettings(Holidays: ["2026-12-25", "2026-13-01"]), "holidays[1]" },
        { new ProgramSettings(ReminderHours: [0]), "reminderHours[0]" },
        { new ProgramSettings(AdvisoryIdPrefix: "npm"), "advisoryIdPrefix" },
        { new ProgramSettings(ScopeEcosystems: ["PyPI"]), "scopeEcosystems[0]" },
        { new ProgramSettings(ScopePackages: ["express"]), "scopePackages[0]" },
        { new ProgramSettings(ReservedCveIds: ["CVE-26-1"]), "reservedCveIds[0]" },
        { new ProgramSettings(Name: " "), "name" },
        { new ProgramSettings(MaintainerReminderBusinessDays: [3, 0]), "maintainerReminderBusinessDays[1]" },
        { new ProgramSettings(MaintainerReminderBusinessDays: [3, 10]), "maintainerReminderBusinessDays[1]" },
        { new ProgramSettings(MaintainerReminderBusinessDays: [12], MaintainerEscalationBusinessDays: 11),
            "maintainerReminderBusinessDays[0]" },
        { new ProgramSettings(MaintainerEscalationBusinessDays: 61), "maintainerEscalationBusinessDays" },
        { new ProgramSettings(MaintainerEscalationBusinessDays: -1), "maintainerEscalationBusinessDays" },
        { new ProgramSettings(MaintainerReminderBusinessDays: [.. Enumerable.Range(1, 11)],
            MaintainerEscalationBusinessDays: 0), "maintainerReminderBusinessDays" },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public async Task UpdateProgramPolicy_WrongField_NamesItAndChangesNothing(ProgramSettings wrong, string field)
    {
        await using var a = await ProgramAdministration.CreateAsync(DatabaseProvider.Sqlite);
        var before = await a.ViewAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => a.Run(db =>
            new UpdateProgramPolicy(db).ExecuteAsync(ProgramAdministration.Slug, Actor.User(a.ProgramAdmin),
                wrong with { PublicationDays = wrong.PublicationDays ?? 90 }, Ct)));

        Assert.Equal([field], error.Errors.Keys);
        Assert.Equivalent(before, await a.ViewAsync(), strict: true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Team_AddByEmailChangeRoleRemove_ListedWithEmails(DatabaseProvider provider)
    {
        await using var a = await ProgramAdministration.CreateAsync(provider);
        var admin = Actor.User(a.ProgramAdmin);

        await a.Run(
            db =>
                new AddProgramMember(db, a.Clock).ExecuteAsync(ProgramAdministration.Slug, admin,
                    " Stranger@Example.test ", "triager", Ct));
        var added = await a.ViewAsync();
        await a.Run(
            db =>
                new AddProgramMember(db, a.Clock).ExecuteAsync(ProgramAdministration.Slug, admin,
                    "stranger@example.test", "admin", Ct));
        var promoted = await a.ViewAsync();
        await a.Run(db => new RemoveProgramMember(db).ExecuteAsync(ProgramAdministration.Slug, admin, a.Triager, Ct));

        Assert.Contains(added.Members,
            m =>
                m is { Email: "stranger@example.test", Role: "triager", TwoFactorEnabled: true }
                    && m.UserId == a.Stranger);
        Assert.Contains(promoted.Members, m => m.UserId == a.Stranger && m.Role == "admin");
        Assert.Equal(["admin@example.test", "stranger@example.test"],
            (await a.ViewAsync()).Members.Select(m => m.Email));
        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                a.Run(
                    db => new RemoveProgramMember(db).ExecuteAsync(ProgramAdministration.Slug, admin, a.Triager, Ct)));
    }

    [Theory]
    [InlineData("nobody@example.test", "triager", "email")]
    [InlineData("not an address", "triager", "email")]
    [InlineData("stranger@example.test", "owner", "role")]
    [InlineData("stranger@example.test", null, "role")]
    public async Task AddProgramMember_Wrong_NamesTheField(string email, string? role, string field)
    {
        await using var a = await ProgramAdministration.CreateAsync(DatabaseProvider.Sqlite);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => a.Run(db =>
            new AddProgramMember(db, a.Clock).ExecuteAsync(ProgramAdministration.Slug, Actor.User(a.ProgramAdmin),
                email, role, Ct)));

        Assert.Equal([field], error.Errors.Keys);
        Assert.Equal(2, (await a.ViewAsync()).Members.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Maintainers_InScopeAddedListedRemoved_OtherProgramsCannotTouchThem(DatabaseProvider provider)
    {
        await using var a = await ProgramAdministration.CreateAsync(provider);
        var admin = Actor.User(a.ProgramAdmin);

        var added = await a.Run(
            db =>
                new AddPackageMaintainer(db, a.Clock).ExecuteAsync(ProgramAdministration.Slug, admin, "npm",
                    "deep-merge", "dm@example.test", "triager@example.test", Ct));
        var listed = (await a.ViewAsync()).Maintainers;
        var otherSees = (await a.ViewAsync(ProgramAdministration.OtherSlug)).Maintainers;
        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                a.Run(
                    db =>
                        new RemovePackageMaintainer(db).ExecuteAsync(ProgramAdministration.OtherSlug,
                            Actor.User(a.OtherProgramAdmin), added.Id, Ct)));
        await a.Run(
            db => new RemovePackageMaintainer(db).ExecuteAsync(ProgramAdministration.Slug, admin, added.Id, Ct));

        var m = Assert.Single(listed);
        Assert.Equal(("npm", "deep-merge", "dm@example.test", a.Triager, "triager@example.test"),
            (m.Ecosystem, m.Name, m.Email, m.UserId!.Value, m.AccountEmail));
        Assert.Empty(otherSees);
        Assert.Empty((await a.ViewAsync()).Maintainers);
    }

    [Theory]
    [InlineData("PyPI", "django", null, "ecosystem")]
    [InlineData("npm", "", "x@example.test", "name")]
    [InlineData("NuGet", "Newtonsoft.Json", "x@example.test", "name")]
    [InlineData("npm", "deep-merge", null, "email")]
    [InlineData("npm", "deep-merge", "not-an-address", "email")]
    public async Task AddPackageMaintainer_Wrong_NamesTheField(string ecosystem, string name, string? email,
        string field)
    {
        await using var a = await ProgramAdministration.CreateAsync(DatabaseProvider.Sqlite);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => a.Run(db =>
            new AddPackageMaintainer(db, a.Clock).ExecuteAsync(ProgramAdministration.Slug, Actor.User(a.ProgramAdmin),
                ecosystem, name, email, null, Ct)));

        Assert.Equal([field], error.Errors.Keys);
        Assert.Empty((await a.ViewAsync()).Maintainers);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Webhooks_Add_SecretIsStandardWebhooksAndNeverListed(DatabaseProvider provider)
    {
        await using var a = await ProgramAdministration.CreateAsync(provider);
        var admin = Actor.User(a.ProgramAdmin);

        var created = await a.Run(
            db =>
                new AddWebhookEndpoint(db).ExecuteAsync(ProgramAdministration.Slug, admin,
                    "https://hooks.example.test/vigil", ["report.received", "report.published"], Ct));
        var listed = await a.ViewAsync();

        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(created.Secret["whsec_".Length..]).Length);
        // The secret signs and verifies with the same Standard Webhooks implementation WebhookSender uses.
        var hook = new StandardWebhooks.StandardWebhook(created.Secret);
        var now = DateTimeOffset.UtcNow;
        var headers = new Microsoft.AspNetCore.Http.HeaderDictionary
        {
            ["webhook-id"] = "msg_1",
            ["webhook-timestamp"] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = hook.Sign("msg_1", now, "{}"),
        };
        hook.Verify("{}", headers);
        var endpoint = Assert.Single(listed.Webhooks);
        Assert.Equal("https://hooks.example.test/vigil", endpoint.Url);
        Assert.Equal(["report.received", "report.published"], endpoint.Events);
        Assert.DoesNotContain(created.Secret[6..], System.Text.Json.JsonSerializer.Serialize(listed),
            StringComparison.Ordinal);

        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                a.Run(
                    db =>
                        new RemoveWebhookEndpoint(db).ExecuteAsync(ProgramAdministration.OtherSlug,
                            Actor.User(a.OtherProgramAdmin), endpoint.Id, Ct)));
        await a.Run(
            db => new RemoveWebhookEndpoint(db).ExecuteAsync(ProgramAdministration.Slug, admin, endpoint.Id, Ct));
        Assert.Empty((await a.ViewAsync()).Webhooks);
    }

    [Theory]
    [InlineData("ftp://hooks.example.test/", null, "url")]
    [InlineData("https://user:pw@hooks.example.test/", null, "url")]
    [InlineData("/relative", null, "url")]
    [InlineData("https://hooks.example.test/", "report.exploded", "events[0]")]
    public async Task AddWebhookEndpoint_Wrong_NamesTheField(string url, string? eventType, string field)
    {
        await using var a = await ProgramAdministration.CreateAsync(DatabaseProvider.Sqlite);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => a.Run(db =>
            new AddWebhookEndpoint(db).ExecuteAsync(ProgramAdministration.Slug, Actor.User(a.ProgramAdmin), url,
                eventType is null ? null : [eventType], Ct)));

        Assert.Equal([field], error.Errors.Keys);
        Assert.Empty((await a.ViewAsync()).Webhooks);
    }

    [Theory]
    [InlineData("Bad Slug", "Name", "PFX", "slug")]
    [InlineData("fine", "", "PFX", "name")]
    [InlineData("fine", "Name", "pfx", "advisoryIdPrefix")]
    public async Task CreateProgram_Wrong_NamesTheFieldAndStoresNothing(string slug, string name, string prefix,
        string field)
    {
        await using var a = await ProgramAdministration.CreateAsync(DatabaseProvider.Sqlite);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => a.Run(db =>
            new CreateProgram(db, a.Clock).ExecuteAsync(Actor.User(a.InstanceAdmin, isInstanceAdmin: true), slug, name,
                prefix, null, Ct)));

        Assert.Equal([field], error.Errors.Keys);
        Assert.Equal(2, (await a.Run(db => new ListPrograms(db).ExecuteAsync(Actor.System, Ct))).Count);
    }

    private static async Task<bool> Outcome(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    private static async Task<string[]> Listed(Func<Task<IReadOnlyList<ProgramSummary>>> action)
    {
        try
        {
            return (await action()).Select(p => p.Slug).ToArray();
        }
        catch (NotFoundException)
        {
            return [];
        }
    }
}
