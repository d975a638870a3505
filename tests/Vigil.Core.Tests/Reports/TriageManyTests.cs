using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Notifications;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

/// <summary>One action for many: the same triage answer for several new reports, each as if answered alone, all or
/// none.</summary>
public class TriageManyTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reject_AWaveOfSpam_EachRejectedAndItsReporterTold(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var spam = new[] { await d.SubmitAsync(Disclosure.Request(package: "a")),
            await d.SubmitAsync(Disclosure.Request(package: "b")) };
        var other = await d.SubmitAsync(Disclosure.Request(package: "c"));

        var done = await d.Run(
            db => d.Use<TriageMany>(db, d.Notifier(db))
            .ExecuteAsync(Disclosure.Slug, Actor.User(d.Triager), spam.Select(s => s.Id).ToList(), BulkTriage.Reject,
                RejectionReason.Spam, "Not a report.", Ct));

        Assert.Equal(spam.Select(s => s.Id), done);
        foreach (var s in spam)
        {
            var view = await d.ViewAsync(s.Id, Actor.FollowUp(s.FollowUpToken!));
            Assert.Equal(("rejected", "spam"), (view.State, view.RejectionReason));
            Assert.Contains(view.Timeline, e => e.ToState == "rejected" && e.Text == "Not a report.");
        }
        Assert.Equal("new", (await d.ViewAsync(other.Id, Actor.User(d.Triager))).State);
        Assert.Equal(2,
            await d.Run(
                db =>
                    db.OutboxMessages.CountAsync(
                        m => m.EventType == NotificationEvent.Rejected && m.Kind == OutboxKind.Email, Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ask_TheSameQuestion_EveryReportNeedsInformation(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var reports = new[] { await d.SubmitAsync(Disclosure.Request(package: "a")),
            await d.SubmitAsync(Disclosure.Request(package: "b")) };

        await d.Run(
            db =>
                d.Use<TriageMany>(db)
                    .ExecuteAsync(Disclosure.Slug, Actor.User(d.Triager), reports.Select(r => r.Id).ToList(),
            BulkTriage.AskForInformation, null, "Send a proof of concept that runs {package} ({report}).", Ct));

        // The saved-reply placeholders are filled for each report.
        foreach (var (r, package) in reports.Zip(["a", "b"]))
        {
            var view = await d.ViewAsync(r.Id, Actor.FollowUp(r.FollowUpToken!));
            Assert.Equal("needs-more-information", view.State);
            Assert.Contains(view.Timeline, e => e.Text == $"Send a proof of concept that runs {package} ({r.Id}).");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refused_WrongReportsOrRecused_NothingChanges_StrangerGetsNotFound(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var first = await d.SubmitAsync(Disclosure.Request(package: "a"));
        var accepted = await d.SubmitAsync(Disclosure.Request(package: "b"));
        await d.AcceptAsync(accepted.Id);
        var maintained = await d.SubmitAsync(); // deep-merge: the maintaining triager is recused from it

        var wrong = await Assert.ThrowsAsync<ValidationFailedException>(
            () => d.Run(db => d.Use<TriageMany>(db).ExecuteAsync(
            Disclosure.Slug, Actor.User(d.Triager), [first.Id, accepted.Id, 999_999], BulkTriage.Reject,
            RejectionReason.Duplicate, null, Ct)));
        Assert.Equal(["ids[1]", "ids[2]", "reason"], wrong.Errors.Keys.Order());
        await Assert.ThrowsAsync<ConflictException>(() => d.Run(db => d.Use<TriageMany>(db).ExecuteAsync(
            Disclosure.Slug, Actor.User(d.MaintainingTriager), [first.Id, maintained.Id], BulkTriage.Reject,
            RejectionReason.Spam, null, Ct)));
        await Assert.ThrowsAsync<NotFoundException>(() => d.Run(db => d.Use<TriageMany>(db).ExecuteAsync(
            Disclosure.Slug, Actor.User(d.Stranger), [first.Id], BulkTriage.Reject, RejectionReason.Spam, null, Ct)));

        // the recused one stopped the whole action
        Assert.Equal("new", (await d.ViewAsync(first.Id, Actor.User(d.Triager))).State);
        Assert.Equal("new", (await d.ViewAsync(maintained.Id, Actor.User(d.Triager))).State);
    }
}
