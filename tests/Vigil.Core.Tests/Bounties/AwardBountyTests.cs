using Microsoft.EntityFrameworkCore;
using Vigil.Core.Bounties;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Bounties;

/// <summary>Bounties: the team awards one bounty per report, split finder/fixer, within the table or with a
/// reason.</summary>
public class AwardBountyTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Award_SplitWithinTable_RecordsSharesAndInternalEvent(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        await BountyWorld.SetTableAsync(d);
        var id = await BountyWorld.AcceptedReportAsync(d);

        await BountyWorld.AwardAsync(d, id, new AwardInput("high", 1200.50m, 300m, d.Maintainer));

        var team = await BountyWorld.ViewAsync(d, id, Actor.User(d.OtherTriager));
        Assert.Equal("EUR", team.Currency);
        Assert.Equal(["finder 1200.5 awarded", "fixer 300 awarded"],
            team.Shares.Select(s => $"{s.Recipient} {s.Amount:0.##} {s.State}"));
        Assert.Equal(1500.50m, team.Total);
        var reporterView = await d.ViewAsync(id, Actor.User(BountyWorld.Reporter));
        Assert.DoesNotContain(reporterView.Timeline,
            e => e.Detail?.Contains("bounty", StringComparison.Ordinal) == true);
        var teamView = await d.ViewAsync(id, Actor.User(d.Triager));
        Assert.Contains(teamView.Timeline,
            e => e.Internal && e.Detail == "bounty awarded: high, finder 1200.5, fixer 300 EUR");
    }

    [Theory]
    [InlineData("high", 499.99, null, null, "reason")]
    [InlineData("high", 2000.01, null, null, "reason")]
    [InlineData("critical", 100, null, null, "reason")]
    [InlineData("low", 100, null, null, "severity")]
    [InlineData("high", -1, null, null, "finderAmount")]
    [InlineData("high", 0, null, null, "finderAmount")]
    [InlineData("high", 400, 200.0, "stranger", "fixerUserId")]
    [InlineData("high", 400, -5.0, "maintainer", "fixerAmount")]
    public async Task Award_Invalid_NamesTheField(string severity, double finder, double? fixer, string? fixerWho,
        string field)
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await BountyWorld.SetTableAsync(d);
        var id = await BountyWorld.AcceptedReportAsync(d);
        Guid? fixerId = fixerWho switch { "stranger" => d.Stranger, "maintainer" => d.Maintainer, _ => null };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            BountyWorld.AwardAsync(d, id, new AwardInput(severity, (decimal)finder, (decimal?)fixer, fixerId)));

        Assert.Contains(field, error.Errors.Keys);
        Assert.Equal(0, await d.Run(db => db.Set<BountyAwardEntity>().CountAsync(Ct)));
    }

    [Fact]
    public async Task Award_OutsideTableWithReason_IsRecorded()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await BountyWorld.SetTableAsync(d);
        var id = await BountyWorld.AcceptedReportAsync(d);

        await BountyWorld.AwardAsync(d, id, new AwardInput("high", 5000m, Reason: "Exploited in the wild; bonus."));

        Assert.Equal("Exploited in the wild; bonus.",
            (await BountyWorld.ViewAsync(d, id, Actor.User(d.Triager))).Reason);
    }

    [Fact]
    public async Task Award_FixerShareWhenTablePaysFinderOnly_IsRefused()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await BountyWorld.SetTableAsync(d, paysFixer: false);
        var id = await BountyWorld.AcceptedReportAsync(d);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => BountyWorld.AwardAsync(d, id, new AwardInput("high", 400m, 200m, d.Maintainer)));

        Assert.Contains("finder only", error.Errors["fixerAmount"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Award_Twice_AmendsTheOneAward_AndPaidOneCannotChange()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await BountyWorld.SetTableAsync(d);
        var id = await BountyWorld.AcceptedReportAsync(d);
        await BountyWorld.AwardAsync(d, id, new AwardInput("high", 600m));

        await BountyWorld.AwardAsync(d, id, new AwardInput("critical", 2500m));
        Assert.Equal(1, await d.Run(db => db.Set<BountyAwardEntity>().CountAsync(Ct)));
        Assert.Equal("critical", (await BountyWorld.ViewAsync(d, id, Actor.User(d.Triager))).Severity);

        await BountyWorld.RunPayments(d,
            p => p.MarkPaidAsync(id, Actor.User(d.Triager), BountyRecipient.Finder, new DateOnly(2026, 11, 24), Ct));
        await Assert.ThrowsAsync<ConflictException>(
            () => BountyWorld.AwardAsync(d, id, new AwardInput("critical", 3000m)));
        await Assert.ThrowsAsync<ConflictException>(
            () => d.Run(db => new AwardBounty(db, d.Vault, d.Clock).CancelAsync(id, Actor.User(d.Triager), Ct)));
    }

    [Fact]
    public async Task Cancel_BeforePayment_RemovesAwardAndKeepsInternalRecord()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await BountyWorld.SetTableAsync(d);
        var id = await BountyWorld.AcceptedReportAsync(d);
        await BountyWorld.AwardAsync(d, id, new AwardInput("high", 600m));

        await d.Run(db => new AwardBounty(db, d.Vault, d.Clock).CancelAsync(id, Actor.User(d.Triager), Ct));

        await Assert.ThrowsAsync<NotFoundException>(() => BountyWorld.ViewAsync(d, id, Actor.User(d.Triager)));
        Assert.Contains((await d.ViewAsync(id, Actor.User(d.Triager))).Timeline,
            e => e.Internal && e.Detail == "bounty cancelled");
    }

    [Fact]
    public async Task Award_WrongStateOrCaller_IsRefused()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var fresh = await d.SubmitAsync(Disclosure.Request(), Actor.User(BountyWorld.Reporter));
        // no table yet
        await Assert.ThrowsAsync<ConflictException>(
            () => BountyWorld.AwardAsync(d, fresh.Id, new AwardInput("high", 600m)));
        await BountyWorld.SetTableAsync(d);

        // state new
        await Assert.ThrowsAsync<ConflictException>(
            () => BountyWorld.AwardAsync(d, fresh.Id, new AwardInput("high", 600m)));
        var id = await BountyWorld.AcceptedReportAsync(d);
        await Assert.ThrowsAsync<NotFoundException>(
            () => BountyWorld.AwardAsync(d, id, new AwardInput("high", 600m), by: d.Stranger));
        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                d.Run(
                    db =>
                        new AwardBounty(db, d.Vault, d.Clock).ExecuteAsync(id, Actor.User(d.Triager, twoFactor: false),
                            new AwardInput("high", 600m), Ct)));
        await Assert.ThrowsAsync<ConflictException>(
            () => BountyWorld.AwardAsync(d, id, new AwardInput("high", 600m), by: BountyWorld.Reporter));
        // four-eyes
        await Assert.ThrowsAsync<ConflictException>(
            () => BountyWorld.AwardAsync(d, id, new AwardInput("high", 600m), by: d.MaintainingTriager));
    }
}
