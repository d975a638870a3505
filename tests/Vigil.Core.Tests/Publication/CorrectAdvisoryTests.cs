using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Publication;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Publication;

/// <summary>
/// The team corrects a published advisory: a new revision with a new <c>modified</c>, the same id and
/// publication date, the earlier document kept, the change on the report's timeline and in the public
/// history; and a correction may not leave out reported versions unless the team confirms it.
/// </summary>
public class CorrectAdvisoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The case found in the field: a fix at 1.0.0 for a report of &lt;=1.4.1, published as &lt;1.0.0 (here
    /// with the team's confirmation).</summary>
    private static async Task<(long Report, string Advisory)> PublishedNarrowAsync(Disclosure d)
    {
        var report = await d.SubmitAsync();
        await d.AcceptAsync(report.Id);
        await d.Run(
            db => d.Use<InviteMaintainer>(db).ExecuteAsync(report.Id, Actor.User(d.Triager), d.Maintainer, null, Ct));
        await d.Run(db => new AdvanceReport(db, d.Clock).StartFixAsync(report.Id, Actor.User(d.Maintainer), Ct));
        await d.Run(
            db =>
                new AdvanceReport(db, d.Clock).MarkFixedAsync(report.Id, Actor.User(d.Triager),
                    new Dictionary<string, string> { ["deep-merge"] = "1.0.0" }, Ct, confirmNarrowerRange: true));
        var advisory = await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(report.Id, Actor.User(d.Triager), Ct));
        return (report.Id, advisory.Id);
    }

    private static Task<CorrectedAdvisory> Correct(Disclosure d, string advisory, Guid by,
        AdvisoryCorrection correction) =>
        d.Run(db => new CorrectAdvisory(db, d.Vault, d.Clock).ExecuteAsync(advisory, Actor.User(by), correction, Ct));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Correct_RangeAndFix_NewRevisionEverywhereTheAdvisoryIsRead(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var (reportId, advisoryId) = await PublishedNarrowAsync(d);
        var publishedAt = d.Clock.GetUtcNow();
        d.Clock.Advance(TimeSpan.FromDays(2));

        var corrected = await Correct(d, advisoryId, d.OtherTriager, new AdvisoryCorrection(
            "The fix landed in 1.4.2; 1.0.0 to 1.4.1 are affected as reported.",
            [new CorrectedPackage("npm", "deep-merge", "<=1.4.1", "1.4.2")],
            CvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N"));

        Assert.Equal((2, d.Clock.GetUtcNow()), (corrected.Revision, corrected.Modified));
        Assert.Equal(
            "npm/deep-merge: <1.0.0 → <1.4.2; severity: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H → "
                + "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N",
            corrected.Changes);
        await using var db = d.Open();
        var stored = (await new GetAdvisory(db).ExecuteAsync(advisoryId, Ct))!.Vulnerability;
        Assert.Equal((advisoryId, publishedAt, d.Clock.GetUtcNow()),
            (stored.Id, stored.Published!.Value, stored.Modified));
        var row = await db.AffectedPackages.SingleAsync(Ct);
        Assert.Equal("<1.4.2", row.NpmRange);
        var revision = Assert.Single((await new ListAdvisoryRevisions(db).ExecuteAsync(advisoryId, Ct))!);
        Assert.Equal((2, "The fix landed in 1.4.2; 1.0.0 to 1.4.1 are affected as reported."),
            (revision.Revision, revision.Reason));
        Assert.Contains("\"fixed\":\"1.0.0\"", (await db.AdvisoryRevisions.SingleAsync(Ct)).PreviousDocument,
            StringComparison.Ordinal);
        var view = await d.ViewAsync(reportId, Actor.User(d.Maintainer));
        var entry = Assert.Single(view.Timeline, e => e.Kind == "AdvisoryCorrected");
        Assert.StartsWith($"{advisoryId} revision 2: npm/deep-merge: <1.0.0 → <1.4.2", entry.Detail,
            StringComparison.Ordinal);
        Assert.Equal(("<=1.4.1", "1.4.2"), (view.Packages[0].AffectedVersions, view.Packages[0].FixedVersion));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Correct_NarrowsWhatWasReported_RefusedUnlessTheTeamConfirms(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var (reportId, advisoryId) = await PublishedNarrowAsync(d);
        var narrower = new AdvisoryCorrection("Only the 0.x line was ever affected.",
            [new CorrectedPackage("npm", "deep-merge", "<0.9.0", "0.9.0")]);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => Correct(d, advisoryId, d.OtherTriager, narrower));
        Assert.Contains("narrowed from <1.0.0 to <0.9.0", Assert.Single(error.Errors["packages"]),
            StringComparison.Ordinal);
        await Correct(d, advisoryId, d.OtherTriager, narrower with { ConfirmNarrowerRange = true });

        var view = await d.ViewAsync(reportId, Actor.User(d.Triager));
        Assert.Equal(2, view.Timeline.Count(e => e.Kind == "RangeNarrowed"));
        await using var db = d.Open();
        Assert.Equal("<0.9.0", (await db.AffectedPackages.SingleAsync(Ct)).NpmRange);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Correct_NotTheTeamOrNotAProgramsAdvisory_NotFoundOrRefusedAndNothingChanges(
        DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var (_, advisoryId) = await PublishedNarrowAsync(d);
        var correction = new AdvisoryCorrection("x", [new CorrectedPackage("npm", "deep-merge", "<=1.4.1", "1.4.2")]);

        await Assert.ThrowsAsync<NotFoundException>(() => Correct(d, advisoryId, d.Stranger, correction));
        await Assert.ThrowsAsync<ConflictException>(() => Correct(d, advisoryId, d.Maintainer, correction));
        await Assert.ThrowsAsync<ConflictException>(() => Correct(d, advisoryId, d.MaintainingTriager, correction));
        await Assert.ThrowsAsync<NotFoundException>(() => Correct(d, "GHSA-none-such", d.Triager, correction));
        var blank = await Assert.ThrowsAsync<ValidationFailedException>(
            () => Correct(d, advisoryId, d.Triager, correction with { Reason = " " }));
        Assert.True(blank.Errors.ContainsKey("reason"));
        var same = await Assert.ThrowsAsync<ValidationFailedException>(() => Correct(d, advisoryId, d.Triager,
            correction with { Packages = [new CorrectedPackage("npm", "deep-merge", "<1.0.0", "1.0.0")] }));
        Assert.Contains("changes nothing", same.Message, StringComparison.Ordinal);

        await using var db = d.Open();
        Assert.Equal(0, await db.AdvisoryRevisions.CountAsync(Ct));
        Assert.Equal("<1.0.0", (await db.AffectedPackages.SingleAsync(Ct)).NpmRange);
    }
}
