using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Notifications;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

/// <summary>
/// Duplicates found for the team: a new report naming the same package with an overlapping range as an open or
/// published one joins its group at intake, with the reason; one action merges the group into its first valid report.
/// </summary>
public class DuplicateGroupsTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_SamePackageOverlappingRange_JoinsTheFirstReportsGroupWithTheReason(
        DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var first = await d.SubmitAsync(Disclosure.Request(versions: "<=1.4.1"));
        var overlapping = await d.SubmitAsync(Disclosure.Request(versions: ">=1.2.0 <1.5.0"));
        var later = await d.SubmitAsync(Disclosure.Request(versions: "^1.3.0"));
        var disjoint = await d.SubmitAsync(Disclosure.Request(versions: ">=2.0.0"));
        var otherPackage = await d.SubmitAsync(Disclosure.Request(package: "left-pad", versions: "<=1.4.1"));

        var team = await d.ViewAsync(overlapping.Id, Actor.User(d.Triager));
        var reporter = await d.ViewAsync(overlapping.Id, Actor.FollowUp(overlapping.FollowUpToken!));
        var lone = await d.ViewAsync(disjoint.Id, Actor.User(d.Triager));
        var queue = await d.Run(
            db => d.Use<ListTriageQueue>(db).ExecuteAsync(Disclosure.Slug, Actor.User(d.Triager), Ct));

        Assert.Equal(first.Id, team.DuplicateGroup!.GroupId);
        Assert.Equal([first.Id, overlapping.Id, later.Id], team.DuplicateGroup.Members.Select(m => m.Id));
        Assert.Equal($"npm/deep-merge: >=1.2.0 <1.5.0 overlaps <=1.4.1 of #{first.Id}",
            team.DuplicateGroup.Members[1].Reason);
        Assert.Null(team.DuplicateGroup.Members[0].Reason);
        Assert.Null(reporter.DuplicateGroup); // the team's view only
        Assert.Null(lone.DuplicateGroup);
        Assert.Equal(
            [(first.Id, (long?)null), (overlapping.Id, first.Id), (later.Id, first.Id), (disjoint.Id, null),
                (otherPackage.Id, null)],
            queue.OrderBy(i => i.Id).Select(i => (i.Id, i.DuplicateGroupId)));
        // Each member carries its group and the report that would stand, the first report among them.
        Assert.Equal(
            [(first.Id, (long?)first.Id), (overlapping.Id, first.Id), (later.Id, first.Id), (disjoint.Id, null),
                (otherPackage.Id, null)],
            queue.OrderBy(i => i.Id).Select(i => (i.Id, i.Duplicates?.StandingId)));
        Assert.Equal([first.Id, overlapping.Id, later.Id], queue.Single(i => i.Id == later.Id).Duplicates!.Members);
        Assert.Contains(team.Timeline,
            e =>
                e.Kind == nameof(ReportEventKind.Grouped)
                    && e.Detail!.Contains($"#{first.Id}", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_AfterPublication_JoinsThePublishedReportsGroup_RejectedReportsGatherNone(
        DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var spam = await d.SubmitAsync(Disclosure.Request(versions: "*"));
        await d.Run(
            db =>
                d.Use<TriageReport>(db)
                    .RejectAsync(spam.Id, Actor.User(d.Triager), RejectionReason.Spam, null, null, Ct));
        var first = await d.SubmitAsync();
        await d.AcceptAsync(first.Id);
        var advisory = await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(first.Id, Actor.User(d.Triager), Ct));

        var late = await d.SubmitAsync(Disclosure.Request(versions: "1.4.0"));

        var lateView = await d.ViewAsync(late.Id, Actor.User(d.Triager));
        var publishedView = await d.ViewAsync(first.Id, Actor.User(d.Triager));
        Assert.Equal(first.Id, lateView.DuplicateGroup!.GroupId);
        Assert.Equal([advisory.Id], lateView.DuplicateHints!.Advisories);
        Assert.Empty(publishedView.DuplicateHints!.Advisories); // a published report does not list its own advisory
        Assert.Equal([late.Id], publishedView.DuplicateHints.OpenReports);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Merge_IntoTheValidReport_ClosesEveryLaterWaitingMember_AndTellsEachReporter(
        DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var spam = await d.SubmitAsync(Disclosure.Request(versions: "*"));
        var valid = await d.SubmitAsync();
        var second = await d.SubmitAsync();
        var third = await d.SubmitAsync(Disclosure.Request(versions: "<1.4.2"));
        await d.Run(
            db =>
                d.Use<TriageReport>(db).AskForInformationAsync(third.Id, Actor.User(d.Triager), "Which version?", Ct));
        await d.Run(
            db =>
                d.Use<TriageReport>(db)
                    .RejectAsync(spam.Id, Actor.User(d.Triager), RejectionReason.Spam, null, null, Ct));
        await d.AcceptAsync(valid.Id);

        var merged = await d.Run(
            db => d.Use<MergeDuplicates>(db, d.Notifier(db))
            .ExecuteAsync(valid.Id, Actor.User(d.OtherTriager), null,
                "Reported already; you will hear when it is published.", Ct));

        Assert.Equal(valid.Id, merged.CanonicalId);
        Assert.Equal([second.Id, third.Id], merged.Merged);
        foreach (var id in merged.Merged)
        {
            var view = await d.ViewAsync(id, Actor.User(d.Triager));
            Assert.Equal(("rejected", "duplicate", (long?)valid.Id),
                (view.State, view.RejectionReason, view.DuplicateOf));
        }
        Assert.Equal("accepted", (await d.ViewAsync(valid.Id, Actor.User(d.Triager))).State);
        Assert.Equal([second.Id, third.Id], await ToldAsync(d, NotificationEvent.Rejected));

        // Publication of the standing report reaches the duplicates' reporters too.
        await d.Run(
            db => d.Use<PublishReport>(db, d.Notifier(db))
            .ExecuteAsync(valid.Id, Actor.User(d.Triager), Ct));
        Assert.Equal([valid.Id, second.Id, third.Id], await ToldAsync(d, NotificationEvent.Published));
    }

    /// <summary>The reports whose reporter an e-mail of <paramref name="eventType"/> was queued for (the link names the
    /// report).</summary>
    private static async Task<long[]> ToldAsync(Disclosure d, string eventType)
    {
        var messages = await d.Run(
            db =>
                db.OutboxMessages.AsNoTracking().Where(m => m.EventType == eventType && m.Kind == OutboxKind.Email)
                    .ToListAsync(Ct));
        return messages.Select(m => OutboxSeal.Opened(d.Vault, m))
            .Where(m => m.Recipient == $"researcher+{Disclosure.Marker}@example.test")
            .Select(
                m =>
                    long.Parse(
                        System.Text.RegularExpressions.Regex.Match(m.TextBody, @"/reports/(\d+)").Groups[1].Value,
                        System.Globalization.CultureInfo.InvariantCulture))
            .Distinct().Order().ToArray();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Merge_ChosenMembers_OthersStay_AndWrongOnesAreNamed(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var first = await d.SubmitAsync();
        var second = await d.SubmitAsync();
        var third = await d.SubmitAsync();
        var elsewhere = await d.SubmitAsync(Disclosure.Request(package: "left-pad"));

        var wrong = await Assert.ThrowsAsync<ValidationFailedException>(() => d.Run(db =>
            d.Use<MergeDuplicates>(db)
                .ExecuteAsync(second.Id, Actor.User(d.Triager), [third.Id, elsewhere.Id, first.Id, second.Id], null,
                    Ct)));
        Assert.Equal(["members[1]", "members[2]", "members[3]"], wrong.Errors.Keys.Order());
        Assert.Contains("first valid report stands", wrong.Errors["members[2]"][0], StringComparison.Ordinal);
        Assert.Equal("new", (await d.ViewAsync(third.Id, Actor.User(d.Triager))).State); // nothing merged

        var merged = await d.Run(
            db => d.Use<MergeDuplicates>(db).ExecuteAsync(first.Id, Actor.User(d.Triager), [third.Id], null, Ct));

        Assert.Equal([third.Id], merged.Merged);
        Assert.Equal("new", (await d.ViewAsync(second.Id, Actor.User(d.Triager))).State);
        await d.Run(
            db =>
                d.Use<TriageReport>(db)
                    .RejectAsync(first.Id, Actor.User(d.Triager), RejectionReason.Spam, null, null, Ct));
        await Assert.ThrowsAsync<ConflictException>(
            () =>
                d.Run(db => d.Use<MergeDuplicates>(db).ExecuteAsync(first.Id, Actor.User(d.Triager), null, null, Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Merge_StrangerGetsNotFound_RecusedMemberStopsTheWholeMerge(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var first = await d.SubmitAsync();
        var second = await d.SubmitAsync();

        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                d.Run(db => d.Use<MergeDuplicates>(db).ExecuteAsync(first.Id, Actor.User(d.Stranger), null, null, Ct)));
        // The maintaining triager maintains deep-merge: recused from every report of the group (four-eyes).
        await Assert.ThrowsAsync<ConflictException>(
            () =>
                d.Run(
                    db =>
                        d.Use<MergeDuplicates>(db)
                            .ExecuteAsync(first.Id, Actor.User(d.MaintainingTriager), null, null, Ct)));
        var alone = await d.SubmitAsync(Disclosure.Request(package: "left-pad"));
        await Assert.ThrowsAsync<ConflictException>(
            () =>
                d.Run(db => d.Use<MergeDuplicates>(db).ExecuteAsync(alone.Id, Actor.User(d.Triager), null, null, Ct)));
        Assert.Equal("new", (await d.ViewAsync(second.Id, Actor.User(d.Triager))).State);
    }
}
