using Vigil.Core.Advisories;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

/// <summary>Triage: "existing advisories and open reports for the same package are shown to the triager".</summary>
public class DuplicateHintsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task View_Team_SeesAdvisoriesAndOpenReportsOfTheSamePackage(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var first = await d.SubmitAsync();
        await d.AcceptAsync(first.Id);
        var published = await d.Run(
            db => d.Use<PublishReport>(db).ExecuteAsync(first.Id, Actor.User(d.Triager), Disclosure.Ct));
        var second = await d.SubmitAsync();
        var third = await d.SubmitAsync();
        await d.SubmitAsync(Disclosure.Request(package: "left-pad"));

        var team = await d.ViewAsync(third.Id, Actor.User(d.Triager));
        var reporter = await d.ViewAsync(third.Id, Actor.FollowUp(third.FollowUpToken!));

        Assert.Equal([published.Id], team.DuplicateHints!.Advisories);
        Assert.Equal([second.Id], team.DuplicateHints.OpenReports);
        Assert.Null(reporter.DuplicateHints);
    }
}
