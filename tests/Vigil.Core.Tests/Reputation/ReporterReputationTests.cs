using Vigil.Core.Data;
using Vigil.Core.Reports;
using Vigil.Core.Reputation;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Reputation;

/// <summary>Reputation: a reporter's reputation, signal and pending reports, from their reports' outcomes.</summary>
public class ReporterReputationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Compute_MixedOutcomes_PublicViewLeavesEmbargoedReportsOut(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        await d.SetIntakeAsync(null, 0);
        var ada = Guid.NewGuid();
        var published = await d.PublishedAsync(ada);
        var accepted = await d.ReportAsync(ada);
        await d.AcceptAsync(accepted);
        await d.RejectedAsync(ada, RejectionReason.Spam);
        await d.RejectedAsync(ada, RejectionReason.Duplicate, duplicateOf: published);
        await d.ReportAsync(ada); // new: no outcome yet
        var other = await d.PublishedAsync(Guid.NewGuid()); // someone else's

        var publicView = await d.Run(
            db => d.Use<ReporterReputation>(db).ComputeAsync(ada, includePending: false, Disclosure.Ct));
        var ownView = await d.Run(
            db => d.Use<ReporterReputation>(db).ComputeAsync(ada, includePending: true, Disclosure.Ct));

        Assert.Equal((7 - 10 + 1, 3, -0.67, 0),
            (publicView.Points, publicView.Reports, publicView.Signal, publicView.PendingReports));
        Assert.Equal(["published:1:7", "duplicate:1:1", "spam:1:-10"],
            publicView.Outcomes.Select(o => $"{o.Outcome}:{o.Reports}:{o.Points}"));
        Assert.Equal((7 + 2 - 10 + 1, 4, 0.0, 1),
            (ownView.Points, ownView.Reports, ownView.Signal, ownView.PendingReports));
        Assert.Null(publicView.Impact); // no bounty feature behind it
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Compute_WithdrawnAdvisory_LosesThePublicationPoints(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var ada = Guid.NewGuid();
        var id = await d.PublishedAsync(ada);
        Assert.Equal(7,
            (await d.Run(db => d.Use<ReporterReputation>(db).ComputeAsync(ada, false, Disclosure.Ct))).Points);

        await d.Run(
            db =>
                new WithdrawReport(db, d.Clock).ExecuteAsync(id, Actor.User(d.Triager), "not a vulnerability after all",
                    Disclosure.Ct));

        var after = await d.Run(db => d.Use<ReporterReputation>(db).ComputeAsync(ada, false, Disclosure.Ct));
        Assert.Equal((0, 1, 0.0), (after.Points, after.Reports, after.Signal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Compute_NoReports_NoSignal(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var nobody = await d.Run(db => d.Use<ReporterReputation>(db).ComputeAsync(Guid.NewGuid(), true, Disclosure.Ct));
        Assert.Equal(ReputationSummary.Empty, nobody);
    }
}
