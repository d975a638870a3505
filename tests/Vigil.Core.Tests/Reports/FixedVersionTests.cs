using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

/// <summary>
/// A fixed version must lie above the versions reported affected and inside none of them; a fix inside the
/// range narrows what is published only when the team confirms it, on the timeline. Publication then says
/// exactly what was reported and fixed.
/// </summary>
public class FixedVersionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<long> InFixAsync(Disclosure d, string versions = "<=1.4.1")
    {
        var report = await d.SubmitAsync(Disclosure.Request(versions: versions));
        await d.AcceptAsync(report.Id);
        await d.Run(
            db => d.Use<InviteMaintainer>(db).ExecuteAsync(report.Id, Actor.User(d.Triager), d.Maintainer, null, Ct));
        await d.Run(db => new AdvanceReport(db, d.Clock).StartFixAsync(report.Id, Actor.User(d.Maintainer), Ct));
        return report.Id;
    }

    private static Task MarkFixed(Disclosure d, long id, Guid by, string fix, bool confirm = false) =>
        d.Run(
            db =>
                new AdvanceReport(db, d.Clock).MarkFixedAsync(id, Actor.User(by),
                    new Dictionary<string, string> { ["deep-merge"] = fix }, Ct, confirm));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MarkFixed_FixInsideTheReportedRange_RefusedNamingTheVersionsItWouldClear(
        DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var id = await InFixAsync(d);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => MarkFixed(d, id, d.Maintainer, "1.0.0"));

        var message = Assert.Single(error.Errors["fixedVersions[deep-merge]"]);
        Assert.Contains("'1.0.0' lies inside the reported range <=1.4.1", message, StringComparison.Ordinal);
        Assert.Contains("narrower range <1.0.0", message, StringComparison.Ordinal);
        var view = await d.ViewAsync(id, Actor.User(d.Triager));
        Assert.Equal("fix-in-progress", view.State);
        Assert.Equal(("<=1.4.1", (string?)null), (view.Packages[0].AffectedVersions, view.Packages[0].FixedVersion));
    }

    [Theory]
    [InlineData(">=1.0.0 <=1.4.1", "0.9.0", "lies below every version reported affected")]
    [InlineData("<=1.4.1", "1.4", "is not a npm version")]
    public async Task MarkFixed_FixBelowTheRangeOrNotAVersion_Refused(string versions, string fix, string expected)
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var id = await InFixAsync(d, versions);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => MarkFixed(d, id, d.Triager, fix, confirm: true));

        Assert.Contains(expected, Assert.Single(error.Errors["fixedVersions[deep-merge]"]), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MarkFixed_MaintainerConfirmsANarrowerRange_OnlyTheTeamMay(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var id = await InFixAsync(d);

        await Assert.ThrowsAsync<ConflictException>(() => MarkFixed(d, id, d.Maintainer, "1.0.0", confirm: true));

        var view = await d.ViewAsync(id, Actor.User(d.Triager));
        Assert.Equal(("fix-in-progress", "<=1.4.1"), (view.State, view.Packages[0].AffectedVersions));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MarkFixed_TeamConfirmsANarrowerRange_RecordedAndPublishedAsConfirmed(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var id = await InFixAsync(d);

        await MarkFixed(d, id, d.Triager, "1.0.0", confirm: true);
        var advisory = await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(id, Actor.User(d.OtherTriager), Ct));

        var view = await d.ViewAsync(id, Actor.User(d.Maintainer));
        Assert.Equal(("<1.0.0", "1.0.0"), (view.Packages[0].AffectedVersions, view.Packages[0].FixedVersion));
        var narrowed = Assert.Single(view.Timeline, e => e.Kind == "RangeNarrowed");
        Assert.Equal("npm/deep-merge: affected range narrowed from <=1.4.1 to <1.0.0, confirmed by the team",
            narrowed.Detail);
        await using var db = d.Open();
        Assert.Equal("<1.0.0",
            (await db.AffectedPackages.SingleAsync(a => a.AdvisoryNumber == advisory.Number, Ct)).NpmRange);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Publish_OneFixPerReleaseLine_EachLineEndsAtItsFix(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var id = await InFixAsync(d, ">=1.0.0 <=1.2.4 || >=2.0.0 <=2.1.0");

        await MarkFixed(d, id, d.Maintainer, "1.2.5, 2.1.1");
        var advisory = await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(id, Actor.User(d.Triager), Ct));

        await using var db = d.Open();
        Assert.Equal(">=1.0.0 <1.2.5 || >=2.0.0 <2.1.1",
            (await db.AffectedPackages.SingleAsync(a => a.AdvisoryNumber == advisory.Number, Ct)).NpmRange);
        var events = Assert.Single(Assert.Single(advisory.Vulnerability.Affected!).Ranges!).Events;
        Assert.Equal(["1.0.0", null, "2.0.0", null], events.Select(e => e.Introduced));
        Assert.Equal([null, "1.2.5", null, "2.1.1"], events.Select(e => e.Fixed));
    }
}
