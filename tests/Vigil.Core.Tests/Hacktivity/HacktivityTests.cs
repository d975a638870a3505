using System.Text.Json;
using Vigil.Core.Bounties;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Hacktivity;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Bounties;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Hacktivity;

/// <summary>
/// Hacktivity, the public timeline and the leaderboard show published reports only, and
/// never an internal note, private report text, an e-mail or a bounty its recipients did not agree to show.
/// </summary>
public class HacktivityTests
{
    private const string InternalNote = "INTERNAL-NOTE-b41c";
    private const string Comment = "PARTICIPANT-COMMENT-9e2d";
    private const string HiddenTitle = "UNPUBLISHED-TITLE-55aa";
    private static CancellationToken Ct => Disclosure.Ct;

    /// <summary>One published report (deep-merge, bounty 1500 EUR, finder "Ada Researcher"), one accepted but
    /// unpublished (secret-pkg, bounty 9999).</summary>
    private static async Task<(long Published, long Private)> WorldAsync(Disclosure d)
    {
        await BountyWorld.SetTableAsync(d);
        var published = await BountyWorld.AcceptedReportAsync(d);
        await BountyWorld.AwardAsync(d, published, new AwardInput("high", 1200m, 300m, d.Maintainer));
        await d.Run(
            db =>
                new CommentOnReport(db, d.Vault, d.Clock).ExecuteAsync(published, Actor.User(d.Triager), InternalNote,
                    true, Ct));
        await d.Run(
            db =>
                new CommentOnReport(db, d.Vault, d.Clock).ExecuteAsync(published, Actor.User(d.Triager), Comment, false,
                    Ct));
        d.Clock.Advance(TimeSpan.FromDays(2));
        await BountyWorld.PublishAsync(d, published);
        var hidden = await BountyWorld.AcceptedReportAsync(d, "secret-pkg", title: HiddenTitle);
        await BountyWorld.AwardAsync(d, hidden, new AwardInput("critical", 9999m, Reason: "big"));
        await d.Run(
            db =>
                new CommentOnReport(db, d.Vault, d.Clock).ExecuteAsync(hidden, Actor.User(d.Triager), InternalNote,
                    true, Ct));
        return (published, hidden);
    }

    private static async Task<string> EverythingPublicAsync(Disclosure d, string advisoryId) => string.Join("\n",
        JsonSerializer.Serialize(await d.Run(db => new ListHacktivity(db).ExecuteAsync(Disclosure.Slug, 1, Ct))),
        JsonSerializer.Serialize(
            await d.Run(db => new GetPublicTimeline(db).ExecuteAsync(Disclosure.Slug, advisoryId, Ct))),
        JsonSerializer.Serialize(
            await d.Run(db => new GetLeaderboard(db, d.Clock).ExecuteAsync(Disclosure.Slug, "all", Ct))));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Public_Views_NeverLeakPrivateThings(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        await WorldAsync(d);
        var page = await d.Run(db => new ListHacktivity(db).ExecuteAsync(Disclosure.Slug, 1, Ct));
        var item = Assert.Single(page.Items);

        var text = await EverythingPublicAsync(d, item.AdvisoryId);

        Assert.Equal(["npm/deep-merge"], item.Packages);
        Assert.Equal(["Ada Researcher:FINDER"], item.Credits.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Null(item.Bounty);
        // The published report's title is its advisory's public summary; its description, proof of concept and e-mail
        // stay private.
        foreach (var secret in new[] { "secret-pkg", HiddenTitle, "9999", "1500", "1200", InternalNote, Comment,
            "@example.test", "Merging a crafted", "__proto__", "big" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bounty_ShownOnlyWhenEveryRecipientAgreed(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var (published, _) = await WorldAsync(d);

        await BountyWorld.RunPayments(d,
            p => p.SetVisibilityAsync(published, Actor.User(BountyWorld.Reporter), true, Ct));
        var half = Assert.Single(
            (await d.Run(db => new ListHacktivity(db).ExecuteAsync(Disclosure.Slug, 1, Ct))).Items);
        await BountyWorld.RunPayments(d, p => p.SetVisibilityAsync(published, Actor.User(d.Maintainer), true, Ct));
        var both = Assert.Single(
            (await d.Run(db => new ListHacktivity(db).ExecuteAsync(Disclosure.Slug, 1, Ct))).Items);
        var board = await d.Run(db => new GetLeaderboard(db, d.Clock).ExecuteAsync(Disclosure.Slug, "90d", Ct));

        Assert.Null(half.Bounty);
        Assert.Equal(new PublicAmount(1500m, "EUR"), both.Bounty);
        var entry = Assert.Single(board.Entries);
        Assert.Equal("1 Ada Researcher 1 1200 EUR",
            $"{entry.Rank} {entry.Name} {entry.Reports} {entry.Bounties.Single().Amount:0} "
                + $"{entry.Bounties.Single().Currency}");
    }

    [Fact]
    public async Task Timeline_ShowsMilestonesOnly()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await WorldAsync(d);
        var advisoryId = (await d.Run(db => new ListHacktivity(db).ExecuteAsync(Disclosure.Slug, 1, Ct))).Items.Single()
            .AdvisoryId;

        var timeline = await d.Run(db => new GetPublicTimeline(db).ExecuteAsync(Disclosure.Slug, advisoryId, Ct));

        Assert.Equal(["submitted", "triaged", "maintainers notified", "published"],
            timeline.Events.Select(e => e.Event));
        await Assert.ThrowsAsync<NotFoundException>(
            () => d.Run(db => new GetPublicTimeline(db).ExecuteAsync(Disclosure.Slug, "NPMSEC-NOPE", Ct)));
        await Assert.ThrowsAsync<NotFoundException>(
            () => d.Run(db => new ListHacktivity(db).ExecuteAsync("nope", 1, Ct)));
    }

    [Fact]
    public async Task Leaderboard_PeriodsAnonymousAndDeclinedCredit()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await WorldAsync(d); // Ada, published at day 2
        var anonymous = await d.SubmitAsync(Disclosure.Request("anon-pkg"));
        await d.AcceptAsync(anonymous.Id);
        await BountyWorld.PublishAsync(d, anonymous.Id);
        var shy = Guid.NewGuid();
        var declined = await BountyWorld.AcceptedReportAsync(d, "shy-pkg", reporter: shy);
        await d.Run(db => new ReportCredits(db, d.Vault, d.Clock).DeclineAsync(declined, Actor.User(shy), Ct));
        await BountyWorld.PublishAsync(d, declined);
        d.Clock.Advance(TimeSpan.FromDays(100));
        var later = await BountyWorld.AcceptedReportAsync(d, "late-pkg");
        await BountyWorld.PublishAsync(d, later);

        var recent = await d.Run(db => new GetLeaderboard(db, d.Clock).ExecuteAsync(Disclosure.Slug, "90d", Ct));
        var year = await d.Run(db => new GetLeaderboard(db, d.Clock).ExecuteAsync(Disclosure.Slug, "year", Ct));

        Assert.Equal("Ada Researcher:1", string.Join(",", recent.Entries.Select(e => $"{e.Name}:{e.Reports}")));
        Assert.Equal(0, recent.UnnamedReports);
        Assert.Equal("Ada Researcher:2", string.Join(",", year.Entries.Select(e => $"{e.Name}:{e.Reports}")));
        Assert.Equal(2, year.UnnamedReports);
        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => d.Run(db => new GetLeaderboard(db, d.Clock).ExecuteAsync(Disclosure.Slug, "week", Ct)));
        Assert.Contains("period", error.Errors.Keys);
    }

    [Fact]
    public async Task Leaderboard_AnonymousCreditUnnamed_ProfileHandleLinked()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await d.Run(async db =>
        {
            db.Users.Add(
                new Vigil.Core.Accounts.VigilUser
                {
                    Id = BountyWorld.Reporter,
                    UserName = "ada@example.test",
                    Email = "ada@example.test",
                    ProfileHandle = "ada"
                });
            await db.SaveChangesAsync(Ct);
        });
        await BountyWorld.PublishAsync(d, await BountyWorld.AcceptedReportAsync(d, "named-pkg"));
        var quiet = Guid.NewGuid();
        var anonymous = await BountyWorld.AcceptedReportAsync(d, "quiet-pkg", reporter: quiet);
        await d.Run(
            db => new ReportCredits(db, d.Vault, d.Clock).SetAnonymousAsync(anonymous, Actor.User(quiet), true, Ct));
        await BountyWorld.PublishAsync(d, anonymous);

        var board = await d.Run(db => new GetLeaderboard(db, d.Clock).ExecuteAsync(Disclosure.Slug, "all", Ct));

        Assert.Equal([("Ada Researcher", "ada")], board.Entries.Select(e => (e.Name, e.Handle)));
        Assert.Equal(1, board.UnnamedReports);
    }
}
