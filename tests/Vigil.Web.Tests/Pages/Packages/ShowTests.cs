using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Packages;

public class ShowTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Show_Package_ListsEveryAdvisoryWithItsRanges(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);

        var page = await PageHtml.GetAsync(test, "/packages/npm/minimist");

        Assert.Equal(200, page.Status);
        Assert.Equal("minimist", page.Text("#package-name"));
        // One entry per affected range set; the withdrawn advisory is listed and marked.
        Assert.Equal(
            ["GHSA-xvch-5gv4-984h", "GHSA-xvch-5gv4-984h", "GHSA-vh95-rmgr-6w4m", "GHSA-vh95-rmgr-6w4m",
                "VIGIL-WITHDRAWN-1"],
            page.Ids);
        Assert.Equal("3 advisories", page.Text("p.count"));
        Assert.Equal("from 1.0.0 up to but not including 1.2.6", page.Text("ol.advisories > li ul.ranges li"));
        Assert.Single(page.Document.QuerySelectorAll("li.withdrawn"));
        Assert.Equal("/feeds/packages/npm/minimist",
            page.Document.QuerySelector("link[rel=alternate]")!.GetAttribute("href"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Show_ScopedNpmName_Works(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);

        var literal = await PageHtml.GetAsync(test, "/packages/npm/@cypress/request?version=2.88.11");
        var encoded = await PageHtml.GetAsync(test, "/packages/npm/%40cypress%2Frequest?version=2.88.12");

        Assert.Equal(200, literal.Status);
        Assert.Equal("@cypress/request", literal.Text("#package-name"));
        Assert.Equal(["GHSA-p8p7-x288-28g6"], literal.Ids);
        Assert.StartsWith("@cypress/request@2.88.11 is affected", literal.Text("#answer"));
        Assert.Equal(200, encoded.Status);
        Assert.StartsWith("@cypress/request@2.88.12 is not affected", encoded.Text("#answer"));
    }

    public static TheoryData<DatabaseProvider, string, string[]> Versions => new()
    {
        // minimist: GHSA-vh95 <0.2.1 || >=1.0.0 <1.2.3; GHSA-xvch <0.2.4 || >=1.0.0
        // <1.2.6; the withdrawn one never matches.
        { DatabaseProvider.Sqlite, "0.2.0", ["GHSA-xvch-5gv4-984h", "GHSA-vh95-rmgr-6w4m"] },
        { DatabaseProvider.Postgres, "0.2.0", ["GHSA-xvch-5gv4-984h", "GHSA-vh95-rmgr-6w4m"] },
        { DatabaseProvider.Sqlite, "0.2.1", ["GHSA-xvch-5gv4-984h"] },
        { DatabaseProvider.Sqlite, "1.2.5", ["GHSA-xvch-5gv4-984h"] },
        { DatabaseProvider.Postgres, "1.2.6", [] },
        { DatabaseProvider.Sqlite, "1.2.3-beta.1", ["GHSA-xvch-5gv4-984h", "GHSA-vh95-rmgr-6w4m"] },
        { DatabaseProvider.Sqlite, "v1.2.2", ["GHSA-xvch-5gv4-984h", "GHSA-vh95-rmgr-6w4m"] },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Show_VersionCheck_AnswersWithTheRealRangeEvaluation(DatabaseProvider provider, string version,
        string[] affecting)
    {
        await using var test = await WebTest.StartAsync(provider);

        var page = await PageHtml.GetAsync(test, "/packages/npm/minimist?version=" + Uri.EscapeDataString(version));

        Assert.Equal(200, page.Status);
        Assert.Equal(affecting,
            page.Document.QuerySelectorAll("ol.advisories > li.hit a.id").Select(a => a.TextContent).Distinct());
        Assert.Contains(affecting.Length == 0 ? "is not affected" : "is affected", page.Text("#answer"));
    }

    [Theory]
    [InlineData("/packages/PyPI/django?version=4.1", "is affected")]
    [InlineData("/packages/PyPI/django?version=4.2.1", "is not affected")]
    public async Task Show_VersionCheckOtherEcosystem_UsesOsvEvaluation(string path, string answer)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var page = await PageHtml.GetAsync(test, path);

        Assert.Contains(answer, page.Text("#answer"));
    }

    [Theory]
    [InlineData("/packages/npm/minimist?version=not.a.version", "'not.a.version' is not a valid npm version.")]
    [InlineData("/packages/npm/minimist?version=1.2", "'1.2' is not a valid npm version.")]
    public async Task Show_BadVersion_Returns400NamingIt(string path, string problem)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var page = await PageHtml.GetAsync(test, path);

        Assert.Equal(400, page.Status);
        Assert.Equal(problem, page.Text("#answer"));
    }

    [Theory]
    [InlineData("/packages/npm/no-such-package")]
    [InlineData("/packages/npm/Minimist")]
    [InlineData("/packages/PyPI/minimist")]
    public async Task Show_UnknownPackage_Returns404Page(string path)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var page = await PageHtml.GetAsync(test, path);

        Assert.Equal(404, page.Status);
        Assert.StartsWith("No advisory names", page.Text(".notfound"));
    }
}
