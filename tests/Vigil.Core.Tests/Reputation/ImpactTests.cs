using Vigil.Core.Bounties;
using Vigil.Core.Data;
using Vigil.Core.Reports;
using Vigil.Core.Reputation;
using Vigil.Core.Tests.Bounties;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Reputation;

/// <summary>Reputation: impact is the points per report that was awarded a bounty; an embargoed award never shows
/// publicly.</summary>
public class ImpactTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Compute_AwardedReports_ImpactAveragesTheirPoints(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        await d.SetIntakeAsync(null, 0);
        await BountyWorld.SetTableAsync(d);
        var reporter = BountyWorld.Reporter;
        var awardedPublished = await BountyWorld.AcceptedReportAsync(d, "left-pad", reporter);
        await BountyWorld.AwardAsync(d, awardedPublished, new AwardInput("high", 800m));
        await BountyWorld.PublishAsync(d, awardedPublished);
        // published, no bounty
        await BountyWorld.PublishAsync(d, await BountyWorld.AcceptedReportAsync(d, "is-even", reporter));
        var awardedEmbargoed = await BountyWorld.AcceptedReportAsync(d, "is-odd", reporter);
        await BountyWorld.AwardAsync(d, awardedEmbargoed, new AwardInput("high", 600m));

        var seenByAll = await d.Run(
            db =>
                d.Use<ReporterReputation>(db).ComputeAsync(reporter, includePending: false,
                    Disclosure.Ct));
        var own = await d.Run(
            db =>
                d.Use<ReporterReputation>(db).ComputeAsync(reporter, includePending: true,
                    Disclosure.Ct));

        Assert.Equal((14, 7.0, 7.0), (seenByAll.Points, seenByAll.Signal, seenByAll.Impact));
        Assert.Equal((16, 4.5), (own.Points, own.Impact)); // (7 + 2) / 2 awarded reports
    }
}
