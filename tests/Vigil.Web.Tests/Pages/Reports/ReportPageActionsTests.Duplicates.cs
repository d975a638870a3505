using System.Net;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Accounts;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Reports;

/// <summary>The report page shows the group of possible duplicates to the team, and merges its later reports with one
/// form.</summary>
public partial class ReportPageActionsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DuplicateGroup_ShownToTheTeam_MergedWithOneForm(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        await using (var db = test.OpenDatabase())
        {
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        }
        var triager = await TeamMemberAsync(test, "tri@example.test");
        var reporter = AccountSession.For(test.Factory);
        var links = new List<string>();
        foreach (var range in new[] { "<=1.4.1", ">=1.2.0 <1.5.0", "1.4.0" })
        {
            var (status, _, html) = await reporter.PostFormAsync("/reports/new",
                new Dictionary<string, string>(ReportFields()) { ["AffectedVersions"] = range },
                formPage: "/reports/new");
            Assert.Equal(HttpStatusCode.OK, status);
            links.Add(Html(html).QuerySelector("#report-link")!.GetAttribute("href")!);
        }
        var first = links[0];
        var firstId = first.Split('/').Last().Split('?')[0];

        var page = await Page(triager, links[1]);
        var group = page.Document.QuerySelector("#duplicate-group")!.TextContent;
        Assert.Contains($"npm/deep-merge: >=1.2.0 <1.5.0 overlaps <=1.4.1 of #{firstId}", group,
            StringComparison.Ordinal);
        // later reports merge into earlier ones
        Assert.Null((await Page(triager, links[2])).Document.QuerySelector("#merge-duplicates"));
        // the team's view only
        Assert.Null((await Page(reporter, links[1])).Document.QuerySelector("#duplicate-group"));
        Assert.NotNull((await Page(triager, first)).Document.QuerySelector("#merge-duplicates"));

        await Act(triager, first, "MergeDuplicates", new() { ["note"] = "Reported already." });

        foreach (var link in links.Skip(1))
        {
            Assert.Equal("rejected",
                (await Page(triager, link)).Document.QuerySelector("#report-state")!.GetAttribute("data-state"));
        }
        Assert.Equal("new",
            (await Page(triager, first)).Document.QuerySelector("#report-state")!.GetAttribute("data-state"));
        Assert.Null((await Page(triager, first)).Document.QuerySelector("#merge-duplicates"));
    }
}
