using Vigil.Core.Data;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Accounts;
using Vigil.Core.Errors;
using Vigil.Core.Profiles;
using Vigil.Core.Reports;
using Vigil.Core.Reputation;
using Vigil.Core.Tests.Reports;
using Vigil.Core.Tests.Reputation;

namespace Vigil.Core.Tests.Profiles;

/// <summary>Reporter profiles: a reporter's public profile lists their credited advisories; anonymous credits only to
/// them.</summary>
public class ReporterProfileTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    private static async Task<Guid> AccountAsync(Disclosure d, string handle, string name)
    {
        var id = Guid.NewGuid();
        await d.Run(async db =>
        {
            db.Users.Add(
                new VigilUser
                {
                    Id = id,
                    UserName = $"{handle}@example.test",
                    Email = $"{handle}@example.test",
                    DisplayName = name,
                    CreatedAt = Disclosure.Start
                });
            await db.SaveChangesAsync(Ct);
        });
        await d.Run(db => new SetProfileHandle(db).ExecuteAsync(Actor.User(id), handle.ToUpperInvariant(), Ct));
        return id;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Profile_NamedAndAnonymousCredits_AnonymousShownOnlyToTheOwner(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var ada = await AccountAsync(d, "ada", "Ada Researcher");
        var named = await d.PublishedAsync(ada, "left-pad");
        var anonymous = await d.ReportAsync(ada, "is-even");
        await d.AcceptAsync(anonymous);
        await d.Run(
            db => new ReportCredits(db, d.Vault, d.Clock).SetAnonymousAsync(anonymous, Actor.User(ada), true, Ct));
        await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(anonymous, Actor.User(d.Triager), Ct));
        var pending = await d.ReportAsync(ada, "is-odd");
        await d.AcceptAsync(pending);

        var seenByAll = await d.Run(db => new GetReporterProfile(db, d.Use<ReporterReputation>(db))
            .ExecuteAsync("ADA", Actor.Anonymous, Ct));
        var seenByAda = await d.Run(db => new GetReporterProfile(db, d.Use<ReporterReputation>(db))
            .ExecuteAsync("ada", Actor.User(ada), Ct));

        var advisories = await d.Run(
            db =>
                db.Reports.Where(r => r.Id == named || r.Id == anonymous).OrderBy(r => r.Id).Select(r => r.AdvisoryId!)
                    .ToListAsync(Ct));
        Assert.Equal(("ada", "Ada Researcher", false), (seenByAll.Handle, seenByAll.DisplayName, seenByAll.IsOwner));
        Assert.Equal([advisories[0]], seenByAll.Credits.Select(c => c.AdvisoryId));
        Assert.Equal(("FINDER", "npm-eco", false),
            (seenByAll.Credits[0].Type, seenByAll.Credits[0].ProgramSlug, seenByAll.Credits[0].Anonymous));
        Assert.Equal((14, 2, 0),
            (seenByAll.Reputation.Points, seenByAll.Reputation.Reports, seenByAll.Reputation.PendingReports));
        Assert.True(seenByAda.IsOwner);
        Assert.Equal([(advisories[1], true), (advisories[0], false)],
            seenByAda.Credits.Select(c => (c.AdvisoryId, c.Anonymous)));
        Assert.Equal((16, 3, 1),
            (seenByAda.Reputation.Points, seenByAda.Reputation.Reports, seenByAda.Reputation.PendingReports));

        var document = JsonNode.Parse(
            await d.Run(
                db => db.Advisories.Where(a => a.Id == advisories[1]).Select(a => a.Document).SingleAsync(Ct)))!;
        Assert.Equal(["Anonymous:FINDER"], document["credits"]!.AsArray().Select(c => $"{c!["name"]}:{c["type"]}"));
        Assert.DoesNotContain("Ada Researcher", document.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Profile_TeamCreditToAnAccount_IsListed_DeclinedIsNot(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var max = await AccountAsync(d, "max-dev", "Max Maintainer");
        var fixer = await d.ReportAsync(Guid.NewGuid());
        var declined = await d.ReportAsync(Guid.NewGuid(), "is-even");
        foreach (var id in new[] { fixer, declined })
        {
            await d.AcceptAsync(id);
            await d.Run(
                db =>
                    new ReportCredits(db, d.Vault, d.Clock).SetAsync(id, Actor.User(d.Triager),
                        [new CreditInput("Max Maintainer", "REMEDIATION_DEVELOPER", max)], [], Ct));
        }
        await d.Run(db => d.Use<InviteMaintainer>(db).ExecuteAsync(declined, Actor.User(d.Triager), max, null, Ct));
        await d.Run(db => new ReportCredits(db, d.Vault, d.Clock).DeclineAsync(declined, Actor.User(max), Ct));
        foreach (var id in new[] { fixer, declined })
        {
            await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(id, Actor.User(d.Triager), Ct));
        }

        var profile = await d.Run(db => new GetReporterProfile(db, d.Use<ReporterReputation>(db))
            .ExecuteAsync("max-dev", Actor.Anonymous, Ct));

        var advisory = await d.Run(
            db => db.Reports.Where(r => r.Id == fixer).Select(r => r.AdvisoryId).SingleAsync(Ct));
        Assert.Equal([(advisory!, "REMEDIATION_DEVELOPER")], profile.Credits.Select(c => (c.AdvisoryId, c.Type)));
        Assert.Equal(0, profile.Reputation.Reports); // credits are not reports of theirs
    }

    /// <summary>A correction of the credits is what the profiles list: a credit taken out unlists the advisory, put
    /// back lists it again.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Profile_CreditsCorrected_ListsWhatTheAdvisoryNowCredits(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var ada = await AccountAsync(d, "ada", "Ada Researcher");
        var max = await AccountAsync(d, "max-dev", "Max Maintainer");
        var report = await d.ReportAsync(ada);
        await d.AcceptAsync(report);
        await d.Run(
            db =>
                new ReportCredits(db, d.Vault, d.Clock).SetAsync(report, Actor.User(d.Triager),
                    [new CreditInput("Max Maintainer", "REMEDIATION_DEVELOPER", max)], [], Ct));
        var advisory = (await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(report, Actor.User(d.Triager), Ct))).Id;
        var finder = await d.Run(
            db => db.Advisories.Where(a => a.Id == advisory).Select(a => a.Document).SingleAsync(Ct));
        var finderName = JsonNode.Parse(finder)!["credits"]!.AsArray()
            .Single(c => (string)c!["type"]! == "FINDER")!["name"]!.GetValue<string>();
        Task<IReadOnlyList<string>> Listed(string handle) => d.Run(async db =>
            (IReadOnlyList<string>)(await new GetReporterProfile(db, d.Use<ReporterReputation>(db))
                .ExecuteAsync(handle, Actor.Anonymous, Ct)).Credits.Select(c => $"{c.AdvisoryId}:{c.Type}").ToList());
        Task Correct(params Vigil.Core.Publication.DraftCredit[] credits) => d.Run(db =>
            new Vigil.Core.Publication.CorrectAdvisory(db, d.Vault, d.Clock).ExecuteAsync(advisory,
                Actor.User(d.Triager), new(Reason: "credits", Credits: credits), Ct));

        Assert.Equal([$"{advisory}:FINDER"], await Listed("ada"));
        Assert.Equal([$"{advisory}:REMEDIATION_DEVELOPER"], await Listed("max-dev"));

        d.Clock.Advance(TimeSpan.FromMinutes(1));
        await Correct(new Vigil.Core.Publication.DraftCredit(finderName, "FINDER"),
            new Vigil.Core.Publication.DraftCredit("Someone Else", "REMEDIATION_DEVELOPER"));
        Assert.Equal([$"{advisory}:FINDER"], await Listed("ada"));
        Assert.Empty(await Listed("max-dev"));

        d.Clock.Advance(TimeSpan.FromMinutes(1));
        await Correct(new Vigil.Core.Publication.DraftCredit("Max Maintainer", "REMEDIATION_DEVELOPER"));
        Assert.Empty(await Listed("ada"));
        Assert.Equal([$"{advisory}:REMEDIATION_DEVELOPER"], await Listed("max-dev"));
        Assert.Equal(1, await d.Run(db => db.CreditedAdvisories.CountAsync(c => c.AdvisoryId == advisory, Ct)));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("-ada")]
    [InlineData("ada-")]
    [InlineData("a--da")]
    [InlineData("ada@example.test")]
    [InlineData("ada lovelace")]
    [InlineData("a234567890123456789012345678901234567890")]
    public async Task SetHandle_Malformed_IsRefusedNamingTheField(string handle)
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var ada = await AccountAsync(d, "ada", "Ada");

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(
            () => d.Run(db => new SetProfileHandle(db).ExecuteAsync(Actor.User(ada), handle, Ct)));

        Assert.Contains("handle", refused.Errors.Keys);
        Assert.Equal("ada",
            await d.Run(db => db.Users.Where(u => u.Id == ada).Select(u => u.ProfileHandle).SingleAsync(Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetHandle_TakenOrRemoved_ConflictsOrUnlists(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var ada = await AccountAsync(d, "ada", "Ada");
        var bob = await AccountAsync(d, "bob", "Bob");

        await Assert.ThrowsAsync<ConflictException>(
            () => d.Run(db => new SetProfileHandle(db).ExecuteAsync(Actor.User(bob), "Ada", Ct)));
        await d.Run(db => new SetProfileHandle(db).ExecuteAsync(Actor.User(ada), "", Ct));

        await Assert.ThrowsAsync<NotFoundException>(() => d.Run(db =>
            new GetReporterProfile(db, d.Use<ReporterReputation>(db)).ExecuteAsync("ada", Actor.Anonymous, Ct)));
        Assert.Equal("ada", await d.Run(db => new SetProfileHandle(db).ExecuteAsync(Actor.User(bob), "ada", Ct)));
        Assert.Equal("Bob", (await d.Run(db => new GetReporterProfile(db, d.Use<ReporterReputation>(db))
            .ExecuteAsync("ada", Actor.Anonymous, Ct))).DisplayName);
    }
}
