using Vigil.Core.Bounties;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Bounties;

/// <summary>Bounties: awarded → paid (team, with a date) or declined (by the recipient); each recipient sees their own
/// share.</summary>
public class BountyPaymentsTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Payments_PaidAndDeclined_EachRecipientSeesOwnShare(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        await BountyWorld.SetTableAsync(d);
        var id = await BountyWorld.AcceptedReportAsync(d);
        await BountyWorld.AwardAsync(d, id, new AwardInput("high", 1000m, 250m, d.Maintainer, null));

        await BountyWorld.RunPayments(d,
            p => p.MarkPaidAsync(id, Actor.User(d.Triager), BountyRecipient.Finder, new DateOnly(2026, 11, 20), Ct));
        await BountyWorld.RunPayments(d, p => p.DeclineAsync(id, Actor.User(d.Maintainer), Ct));

        var finder = await BountyWorld.ViewAsync(d, id, Actor.User(BountyWorld.Reporter));
        var fixer = await BountyWorld.ViewAsync(d, id, Actor.User(d.Maintainer));
        Assert.Equal("finder 1000 paid 2026-11-20",
            Assert.Single(finder.Shares) is var f ? $"{f.Recipient} {f.Amount:0} {f.State} {f.PaidAt:yyyy-MM-dd}" : "");
        Assert.Null(finder.Reason);
        Assert.Equal("fixer declined", Assert.Single(fixer.Shares) is var x ? $"{x.Recipient} {x.State}" : "");
        var mine = await d.Run(db => new ListMyBounties(db).ExecuteAsync(Actor.User(BountyWorld.Reporter), Ct));
        Assert.Equal("npm-eco paid 1000 EUR",
            Assert.Single(mine) is var m ? $"{m.Program} {m.State} {m.Amount:0} {m.Currency}" : "");
        Assert.Empty(await d.Run(db => new ListMyBounties(db).ExecuteAsync(Actor.User(d.Stranger), Ct)));
    }

    [Fact]
    public async Task Decline_ByAnonymousFinderWithToken_Works_AndNobodyElseCan()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await BountyWorld.SetTableAsync(d);
        var submitted = await d.SubmitAsync();
        await d.AcceptAsync(submitted.Id);
        await BountyWorld.AwardAsync(d, submitted.Id, new AwardInput("high", 700m));

        await Assert.ThrowsAsync<ConflictException>(
            () => BountyWorld.RunPayments(d, p => p.DeclineAsync(submitted.Id, Actor.User(d.Triager), Ct)));
        await BountyWorld.RunPayments(d,
            p => p.DeclineAsync(submitted.Id, Actor.FollowUp(submitted.FollowUpToken!), Ct));

        var view = await BountyWorld.ViewAsync(d, submitted.Id, Actor.FollowUp(submitted.FollowUpToken!));
        Assert.Equal("declined", Assert.Single(view.Shares).State);
        await Assert.ThrowsAsync<ConflictException>(
            () =>
                BountyWorld.RunPayments(d,
                    p => p.MarkPaidAsync(submitted.Id, Actor.User(d.Triager), BountyRecipient.Finder, null, Ct)));
    }

    [Fact]
    public async Task MarkPaid_FutureDateOrByRecipient_IsRefused_AndOtherParticipantSeesNoBounty()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await BountyWorld.SetTableAsync(d);
        var id = await BountyWorld.AcceptedReportAsync(d);
        await BountyWorld.AwardAsync(d, id, new AwardInput("high", 700m));

        var future = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            BountyWorld.RunPayments(d,
                p =>
                    p.MarkPaidAsync(id, Actor.User(d.Triager), BountyRecipient.Finder, new DateOnly(2026, 12, 1), Ct)));
        Assert.Contains("paidOn", future.Errors.Keys);
        await Assert.ThrowsAsync<ConflictException>(
            () =>
                BountyWorld.RunPayments(d,
                    p => p.MarkPaidAsync(id, Actor.User(BountyWorld.Reporter), BountyRecipient.Finder, null, Ct)));
        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                BountyWorld.RunPayments(d,
                    p => p.MarkPaidAsync(id, Actor.User(d.Triager), BountyRecipient.Fixer, null, Ct)));
        // The invited maintainer takes part in the report but has no share: to them there is no bounty.
        await Assert.ThrowsAsync<NotFoundException>(() => BountyWorld.ViewAsync(d, id, Actor.User(d.Maintainer)));
        await Assert.ThrowsAsync<NotFoundException>(() => BountyWorld.ViewAsync(d, id, Actor.User(d.Stranger)));
    }

    [Fact]
    public async Task ExportPayouts_QuotesAndEscapesFormulas()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        await BountyWorld.SetTableAsync(d);
        var id = await BountyWorld.AcceptedReportAsync(d);
        await BountyWorld.AwardAsync(d, id,
            new AwardInput("high", 5000m, 100m, d.Maintainer, "=HYPERLINK(\"https://evil.test\",\"x\"), extra"));
        await BountyWorld.RunPayments(d,
            p => p.MarkPaidAsync(id, Actor.User(d.Triager), BountyRecipient.Fixer, new DateOnly(2026, 11, 24), Ct));

        var csv = await d.Run(
            db => new ExportPayouts(db, d.Vault).ExecuteAsync(Disclosure.Slug, Actor.User(d.Admin), null, Ct));
        var paidOnly = await d.Run(
            db => new ExportPayouts(db, d.Vault).ExecuteAsync(Disclosure.Slug, Actor.User(d.Admin), "paid", Ct));

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', ExportPayouts.Header), lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith(
            $"{id},,high,finder,{BountyWorld.Reporter},,5000,EUR,awarded,2026-11-25T09:00:00Z,,"
                + $"\"'=HYPERLINK(\"\"https://evil.test\"\",\"\"x\"\"), extra\"",
            lines[1], StringComparison.Ordinal);
        Assert.Contains(",fixer,", lines[2], StringComparison.Ordinal);
        Assert.Equal(2, paidOnly.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                d.Run(
                    db =>
                        new ExportPayouts(db, d.Vault).ExecuteAsync(Disclosure.Slug, Actor.User(d.Triager), null, Ct)));
        await Assert.ThrowsAsync<ValidationFailedException>(
            () =>
                d.Run(
                    db =>
                        new ExportPayouts(db, d.Vault).ExecuteAsync(Disclosure.Slug, Actor.User(d.Admin), "pending",
                            Ct)));
    }
}
