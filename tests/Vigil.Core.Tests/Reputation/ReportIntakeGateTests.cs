using Vigil.Core.Data;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Errors;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Reputation;

/// <summary>Reputation at intake: the minimum signal to report without review, and new reporters' daily
/// limit.</summary>
public class ReportIntakeGateTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    public enum Who { Anonymous, NoSignal, LowSignal, HighSignal, Team }

    [Theory]
    [InlineData(Who.Anonymous, true)]
    [InlineData(Who.NoSignal, true)]
    [InlineData(Who.LowSignal, true)]
    [InlineData(Who.HighSignal, false)]
    [InlineData(Who.Team, false)]
    public async Task Submit_WithMinimumSignal_HoldsReportersBelowIt(Who who, bool held)
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await d.SetIntakeAsync(null, 0);
        var reporter = Guid.NewGuid();
        if (who == Who.LowSignal)
        {
            await d.PublishedAsync(reporter);
            await d.RejectedAsync(reporter, RejectionReason.NotApplicable); // (7 − 5) / 2 = 1
        }
        if (who == Who.HighSignal)
        {
            await d.PublishedAsync(reporter); // 7
        }
        await d.SetIntakeAsync(minimumSignal: 2, 0);
        var actor = who switch
        {
            Who.Anonymous => Actor.Anonymous,
            Who.Team => Actor.User(d.Triager),
            _ => Actor.User(reporter)
        };

        var submitted = await d.SubmitAsync(actor: actor);

        Assert.Equal(held, submitted.HeldForReview);
        Assert.Equal(held, (await d.ViewAsync(submitted.Id, Actor.User(d.Triager))).HeldForReview);
        var queue = await d.Run(
            db =>
                new ListTriageQueue(db, d.Vault, d.Clock).ExecuteAsync(Disclosure.Slug, Actor.User(d.OtherTriager),
                    Ct));
        Assert.Equal(held, queue.Single(i => i.Id == submitted.Id).HeldForReview);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Release_HeldReport_JoinsTheQueueAheadOfHeldOnes(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        await d.SetIntakeAsync(minimumSignal: 0, 0);
        var first = await d.SubmitAsync();
        var second = await d.SubmitAsync();
        var reporter = Actor.FollowUp(first.FollowUpToken!);
        Assert.True(first.HeldForReview && second.HeldForReview);

        await Assert.ThrowsAsync<ConflictException>(
            () => d.Run(db => new ReleaseFromReview(db, d.Clock).ExecuteAsync(first.Id, reporter, Ct)));
        await d.Run(db => new ReleaseFromReview(db, d.Clock).ExecuteAsync(second.Id, Actor.User(d.Triager), Ct));

        var queue = await d.Run(
            db => new ListTriageQueue(db, d.Vault, d.Clock).ExecuteAsync(Disclosure.Slug, Actor.User(d.Triager), Ct));
        Assert.Equal([(second.Id, false), (first.Id, true)], queue.Select(i => (i.Id, i.HeldForReview)));
        var view = await d.ViewAsync(second.Id, Actor.FollowUp(second.FollowUpToken!));
        Assert.Contains(view.Timeline, e => e.Kind == "ReleasedFromReview");
        await Assert.ThrowsAsync<ConflictException>(
            () => d.Run(db => new ReleaseFromReview(db, d.Clock).ExecuteAsync(second.Id, Actor.User(d.Triager), Ct)));

        await d.AcceptAsync(first.Id); // a decision is the review too
        Assert.False((await d.ViewAsync(first.Id, Actor.User(d.Triager))).HeldForReview);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_NewReporterOverTheDailyLimit_IsRefusedUntilTheWindowMoves(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        await d.SetIntakeAsync(null, 3);
        var newcomer = Actor.User(Guid.NewGuid());
        for (var i = 0; i < 3; i++)
        {
            await d.SubmitAsync(actor: newcomer);
            d.Clock.Advance(TimeSpan.FromHours(1));
        }

        var refused = await Assert.ThrowsAsync<TooManyRequestsException>(() => d.SubmitAsync(actor: newcomer));
        Assert.Equal(Disclosure.Start.AddDays(1), refused.RetryAt);
        Assert.Contains("3 reports a day", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, await d.Run(db => db.Reports.CountAsync(Ct)));

        d.Clock.SetUtcNow(Disclosure.Start.AddDays(1).AddSeconds(1));
        await d.SubmitAsync(actor: newcomer);
        await d.SubmitAsync(); // anonymous: not counted per account
        await d.SubmitAsync(actor: Actor.User(d.Triager)); // the team is never limited
        Assert.Equal(6, await d.Run(db => db.Reports.CountAsync(Ct)));
    }

    [Fact]
    public async Task Submit_EstablishedReporter_IsNotLimited()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await d.SetIntakeAsync(null, 0);
        var veteran = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            await d.RejectedAsync(veteran, RejectionReason.Informative);
        }
        await d.SetIntakeAsync(null, 1);

        for (var i = 0; i < 3; i++)
        {
            await d.SubmitAsync(actor: Actor.User(veteran));
        }

        await d.SubmitAsync(actor: Actor.User(d.Stranger));
        await Assert.ThrowsAsync<TooManyRequestsException>(() => d.SubmitAsync(actor: Actor.User(d.Stranger)));
    }

    [Fact]
    public async Task Submit_TwoAcceptedReports_StillANewReporter()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await d.SetIntakeAsync(null, 0);
        var reporter = Guid.NewGuid();
        await d.AcceptAsync(await d.ReportAsync(reporter));
        await d.AcceptAsync(await d.ReportAsync(reporter, "is-even"));
        await d.SetIntakeAsync(null, 2);

        // Two outcomes (both pending) are fewer than three: the two reports of today use up the day.
        await Assert.ThrowsAsync<TooManyRequestsException>(() => d.SubmitAsync(actor: Actor.User(reporter)));
    }
}
