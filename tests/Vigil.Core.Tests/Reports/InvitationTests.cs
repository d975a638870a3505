using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

public class InvitationTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    private static async Task<(long Report, string Token)> InvitedByEmailAsync(Disclosure d)
    {
        var submitted = await d.SubmitAsync();
        await d.AcceptAsync(submitted.Id);
        var invitation = await d.Run(
            db =>
                d.Use<InviteMaintainer>(db)
                    .ExecuteAsync(submitted.Id, Actor.User(d.Triager), null, "dev@deep-merge.test", Ct));
        Assert.Null(invitation.Participant.UserId);
        return (submitted.Id, invitation.Token!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Accept_SignedInWithTheToken_OpensThisReportOnlyAndSpendsTheToken(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var (id, token) = await InvitedByEmailAsync(d);
        var other = await d.SubmitAsync();
        var maintainer = Actor.User(Guid.NewGuid());
        await Assert.ThrowsAsync<NotFoundException>(() => d.ViewAsync(id, maintainer));

        await d.Run(db => new AcceptInvitation(db, d.Clock).ExecuteAsync(id, maintainer, token, Ct));

        var view = await d.ViewAsync(id, maintainer);
        Assert.Equal("maintainer", view.ViewerRole);
        Assert.Contains(view.Timeline, e => e.Kind == "InvitationAccepted");
        await Assert.ThrowsAsync<NotFoundException>(() => d.ViewAsync(other.Id, maintainer));
        // Spent: a second account with the same link gets nothing.
        var second = Actor.User(Guid.NewGuid());
        await Assert.ThrowsAsync<NotFoundException>(
            () => d.Run(db => new AcceptInvitation(db, d.Clock).ExecuteAsync(id, second, token, Ct)));
        await Assert.ThrowsAsync<NotFoundException>(() => d.ViewAsync(id, second));
        var row = await d.Run(db => db.ReportParticipants.AsNoTracking().SingleAsync(p => p.ReportId == id, Ct));
        Assert.Null(row.InvitationTokenHash);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invite_SameAddressAgain_RenewsTheOneInvitationWithAFreshLink(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var (id, first) = await InvitedByEmailAsync(d);
        d.Clock.Advance(TimeSpan.FromDays(29));

        var again = await d.Run(
            db => d.Use<InviteMaintainer>(db).ExecuteAsync(id, Actor.User(d.Triager), null, "DEV@Deep-Merge.test", Ct));

        Assert.True(again.Renewed);
        Assert.Equal(1, await d.Run(db => db.ReportParticipants.CountAsync(p => p.ReportId == id, Ct)));
        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                d.Run(db => new AcceptInvitation(db, d.Clock).ExecuteAsync(id, Actor.User(Guid.NewGuid()), first, Ct)));
        d.Clock.Advance(TimeSpan.FromDays(2)); // 31 days after the first link: the renewed one has its own 30 days
        var maintainer = Actor.User(Guid.NewGuid());
        await d.Run(db => new AcceptInvitation(db, d.Clock).ExecuteAsync(id, maintainer, again.Token!, Ct));
        Assert.Equal("maintainer", (await d.ViewAsync(id, maintainer)).ViewerRole);
        var accepted = await Assert.ThrowsAsync<ConflictException>(() =>
            d.Run(
                db =>
                    d.Use<InviteMaintainer>(db)
                        .ExecuteAsync(id, Actor.User(d.Triager), null, "dev@deep-merge.test", Ct)));
        Assert.Contains("already takes part", accepted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_WrongTokenOrOtherReport_IsNotFound()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var (id, token) = await InvitedByEmailAsync(d);
        var other = await d.SubmitAsync();
        var maintainer = Actor.User(Guid.NewGuid());

        await Assert.ThrowsAsync<NotFoundException>(
            () => d.Run(db => new AcceptInvitation(db, d.Clock).ExecuteAsync(id, maintainer, token + "x", Ct)));
        await Assert.ThrowsAsync<NotFoundException>(
            () => d.Run(db => new AcceptInvitation(db, d.Clock).ExecuteAsync(other.Id, maintainer, token, Ct)));
        await Assert.ThrowsAsync<NotFoundException>(() => d.ViewAsync(id, maintainer));
    }

    [Fact]
    public async Task Accept_Anonymous_IsAskedToSignIn()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var (id, token) = await InvitedByEmailAsync(d);

        var error = await Assert.ThrowsAsync<ConflictException>(
            () => d.Run(db => new AcceptInvitation(db, d.Clock).ExecuteAsync(id, Actor.Anonymous, token, Ct)));

        Assert.Contains("Sign in", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_After30Days_HasExpired()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var (id, token) = await InvitedByEmailAsync(d);
        d.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<ConflictException>(
            () =>
                d.Run(db => new AcceptInvitation(db, d.Clock).ExecuteAsync(id, Actor.User(Guid.NewGuid()), token, Ct)));

        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListMyReports_ShowsReportedAndInvitedReportsWithRoles()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var researcher = Guid.NewGuid();
        var own = await d.SubmitAsync(actor: Actor.User(researcher));
        var (invited, token) = await InvitedByEmailAsync(d);
        await d.Run(db => new AcceptInvitation(db, d.Clock).ExecuteAsync(invited, Actor.User(researcher), token, Ct));
        await d.SubmitAsync(); // someone else's

        var mine = await d.Run(db => new ListMyReports(db, d.Vault, d.Clock).ExecuteAsync(Actor.User(researcher), Ct));

        Assert.Equal([(own.Id, "reporter"), (invited, "maintainer")],
            mine.Select(r => (r.Id, r.Role)).OrderBy(r => r.Id));
        Assert.All(mine, r => Assert.Contains(Disclosure.Marker, r.Title, StringComparison.Ordinal));
        Assert.Empty(await d.Run(db => new ListMyReports(db, d.Vault, d.Clock).ExecuteAsync(Actor.Anonymous, Ct)));
    }
}

public class TimelineNamesTests
{
    [Fact]
    public async Task View_NamesPeopleByDisplayNameAndPart_NeverByIdOrAddress()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await d.Run(async db =>
        {
            db.Users.Add(
                new Vigil.Core.Accounts.VigilUser
                {
                    Id = d.Triager,
                    UserName = "tess@example.test",
                    Email = "tess@example.test",
                    DisplayName = "Tess"
                });
            await db.SaveChangesAsync(Disclosure.Ct);
        });
        var submitted = await d.SubmitAsync();
        await d.AcceptAsync(submitted.Id);
        await d.Run(
            db =>
                d.Use<InviteMaintainer>(db)
                    .ExecuteAsync(submitted.Id, Actor.User(d.OtherTriager), d.Maintainer, null, Disclosure.Ct));

        var timeline = (await d.ViewAsync(submitted.Id, Actor.FollowUp(submitted.FollowUpToken!))).Timeline;

        Assert.Equal("reporter", timeline.Single(e => e.Kind == "Submitted").Actor);
        Assert.Equal("Tess (team)", timeline.Single(e => e.Kind == "StateChanged" && e.ToState == "accepted").Actor);
        Assert.Equal("Tess (team)", timeline.Single(e => e.Kind == "Assigned").Detail);
        Assert.Equal("team", timeline.Single(e => e.Kind == "MaintainerInvited").Actor);
        Assert.Equal("maintainer", timeline.Single(e => e.Kind == "MaintainerInvited").Detail);
        Assert.DoesNotContain(timeline,
            e =>
                $"{e.Actor} {e.Detail}".Contains("user:", StringComparison.Ordinal)
                    || $"{e.Actor} {e.Detail}".Contains('@'));
    }
}
