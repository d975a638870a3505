using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Programs;

/// <summary>The public program directory: every program with where to report and its rules; an empty instance says how
/// to start one.</summary>
public class ProgramDirectoryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Programs_ListsEachProgramWithItsLinks_LinkedFromEveryPage(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);
        await using (var db = test.OpenDatabase())
        {
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC",
                new ProgramSettings(ScopeEcosystems: ["npm"]), WebTest.Ct);
            await new CreateProgram(db, TimeProvider.System).ExecuteAsync("core", "Node.js core", "NODESEC",
                new ProgramSettings(TriageBusinessDays: 3), WebTest.Ct);
        }

        var page = await PageHtml.GetAsync(test, "/programs");
        var home = await PageHtml.GetAsync(test, "/");

        Assert.Equal(200, page.Status);
        Assert.Equal(["Node.js core", "npm ecosystem"], page.Texts("#programs .program-name"));
        Assert.Equal(
            ["/reports/new?program=core", "/programs/core/security-md", "/programs/core/hacktivity",
                "/programs/core/leaderboard"],
            page.Document.QuerySelectorAll("#programs > li:first-child p.links a").Select(a => a.GetAttribute("href")));
        Assert.Contains("triage within 3 business days", page.Texts("#programs p.small")[0], StringComparison.Ordinal);
        Assert.Contains("Covers npm packages", page.Texts("#programs p.small")[1], StringComparison.Ordinal);
        Assert.Equal("/programs", home.Document.QuerySelector("#nav-programs")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Programs_NoneYet_SaysHowToCreateOne()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var page = await PageHtml.GetAsync(test, "/programs");

        Assert.Equal(200, page.Status);
        Assert.Contains("vigil admin program create", page.Text("#no-programs"), StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("#programs"));
    }
}
