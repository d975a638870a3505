using Vigil.Core.Data;
using Vigil.Core.Imports;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Advisories;

/// <summary>A Node.js core advisory's page: its runtime ranges and platforms, and a summary made from the
/// record.</summary>
public class ShowNodeRuntimeTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Show_CoreAdvisory_ShowsRuntimeRangesEnvironmentsAndSummary(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);
        await using (var db = test.OpenDatabase())
        {
            await new ImportAdvisories(db, TimeProvider.System, ImportOptions.Default).ExecuteAsync(
                [SharedData.Path("data", "nodejs-security-wg", "vuln", "core")], cancellationToken: WebTest.Ct);
        }

        var page = await PageHtml.GetAsync(test, "/advisories/NSWG-COR-98");
        var common = await PageHtml.GetAsync(test, "/advisories/NSWG-COR-100");

        Assert.Equal(200, page.Status);
        Assert.NotEqual("(no summary)", page.Text(".lead"));
        Assert.Equal(["14.x || 16.x || 18.x", "^14.20.0 || ^16.20.0 || ^18.5.0"],
            page.Texts(".affected.runtime dd code"));
        Assert.Equal("win32", page.Texts(".affected.runtime dd")[2]);
        Assert.Equal("all platforms", common.Texts(".affected.runtime dd")[2]);
        // NSWG-COR-100 has no description: its summary is its overview's first sentence.
        Assert.StartsWith("The llhttp parser in the http module in Node.js v18.7.0 does not correctly handle",
            common.Text(".lead"));
        Assert.Contains("from 18.0.0 up to but not including 18.9.1", common.Texts(".affected ul.ranges li"));
        Assert.Null(common.Document.QuerySelector(".affected h3 a")); // the runtime has no package page
    }
}
