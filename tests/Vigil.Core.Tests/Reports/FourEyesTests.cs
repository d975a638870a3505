using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

/// <summary>The process rule: "The person who filed a report may never triage it (four-eyes rule) — this holds for team
/// members filing on someone's behalf too."</summary>
public class FourEyesTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Triage_ByTheTeamMemberWhoFiledIt_IsRefused(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var report = await d.SubmitAsync(actor: Actor.User(d.Triager));

        var error = await Assert.ThrowsAsync<ConflictException>(() => d.AcceptAsync(report.Id, d.Triager));

        Assert.Contains("four-eyes", error.Message, StringComparison.Ordinal);
        await d.AcceptAsync(report.Id, d.OtherTriager);
    }

    [Fact]
    public async Task Triage_ByTheFilerOnSomeonesBehalf_IsRefused()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var researcher = Guid.NewGuid();
        var report = await d.SubmitAsync(Disclosure.Request() with { OnBehalfOf = researcher }, Actor.User(d.Triager));

        await Assert.ThrowsAsync<ConflictException>(() => d.AcceptAsync(report.Id, d.Triager));
        var view = await d.ViewAsync(report.Id, Actor.User(researcher));
        Assert.Equal("reporter", view.ViewerRole);
    }

    [Fact]
    public async Task Triage_ByAMaintainerOfTheAffectedPackage_IsRecused()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var report = await d.SubmitAsync();

        await Assert.ThrowsAsync<ConflictException>(() => d.AcceptAsync(report.Id, d.MaintainingTriager));
        var view = await d.ViewAsync(report.Id, Actor.User(d.MaintainingTriager));
        Assert.True(view.ViewerRecused);
        // A report about another package is theirs to triage.
        var other = await d.SubmitAsync(Disclosure.Request(package: "left-pad"));
        await d.AcceptAsync(other.Id, d.MaintainingTriager);
    }

    [Fact]
    public async Task Triage_ByAnInvitedMaintainerOrTheReporter_IsRefused()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var report = await d.SubmitAsync();

        await Assert.ThrowsAsync<ConflictException>(() => d.Run(db =>
            d.Use<TriageReport>(db).AcceptAsync(report.Id, Actor.FollowUp(report.FollowUpToken!), Ct)));
        await Assert.ThrowsAsync<NotFoundException>(() => d.AcceptAsync(report.Id, d.Stranger));
    }

    [Fact]
    public async Task View_WrongToken_IsIndistinguishableFromNoReport()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var report = await d.SubmitAsync();

        var wrong = await Assert.ThrowsAsync<NotFoundException>(
            () => d.ViewAsync(report.Id, Actor.FollowUp("vfu_" + new string('A', 43))));
        var missing = await Assert.ThrowsAsync<NotFoundException>(
            () => d.ViewAsync(report.Id + 100, Actor.FollowUp(report.FollowUpToken!)));
        var otherReport = await d.SubmitAsync();
        var crossed = await Assert.ThrowsAsync<NotFoundException>(
            () => d.ViewAsync(otherReport.Id, Actor.FollowUp(report.FollowUpToken!)));

        Assert.Equal($"No report #{report.Id}.", wrong.Message);
        Assert.Equal($"No report #{report.Id + 100}.", missing.Message);
        Assert.Equal($"No report #{otherReport.Id}.", crossed.Message);
    }

    [Fact]
    public async Task View_InternalNotes_OnlyForTheTeam()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var report = await d.SubmitAsync();
        await d.AcceptAsync(report.Id);
        await d.Run(
            db => d.Use<InviteMaintainer>(db).ExecuteAsync(report.Id, Actor.User(d.Triager), d.Maintainer, null, Ct));
        await d.Run(
            db =>
                new CommentOnReport(db, d.Vault, d.Clock).ExecuteAsync(report.Id, Actor.User(d.Triager), "team only",
                    true, Ct));
        await d.Run(
            db =>
                new CommentOnReport(db, d.Vault, d.Clock).ExecuteAsync(report.Id, Actor.User(d.Triager), "hello all",
                    false, Ct));

        var team = await d.ViewAsync(report.Id, Actor.User(d.OtherTriager));
        var reporter = await d.ViewAsync(report.Id, Actor.FollowUp(report.FollowUpToken!));
        var maintainer = await d.ViewAsync(report.Id, Actor.User(d.Maintainer));

        Assert.Contains(team.Timeline, e => e.Text == "team only");
        Assert.DoesNotContain(reporter.Timeline, e => e.Text == "team only");
        Assert.DoesNotContain(maintainer.Timeline, e => e.Text == "team only");
        Assert.Contains(maintainer.Timeline, e => e.Text == "hello all");
        Assert.Null(maintainer.ReporterEmail);
        Assert.NotNull(reporter.ReporterEmail);
        Assert.Equal("maintainer", maintainer.ViewerRole);
        await Assert.ThrowsAsync<ConflictException>(() => d.Run(db =>
            new CommentOnReport(db, d.Vault, d.Clock).ExecuteAsync(report.Id, Actor.User(d.Maintainer), "sneaky", true,
                Ct)));
    }
}
