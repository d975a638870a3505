using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Advisories;

public class SearchTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_NoFilter_ListsEveryAdvisoryNewestPublishedFirst(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);

        var page = await PageHtml.GetAsync(test, "/");

        Assert.Equal(200, page.Status);
        Assert.Equal("8 advisories", page.Text("#result-count"));
        // Published dates from the GHSA documents; the made-up entries have none and come last, by id.
        Assert.Equal(
            ["GHSA-cm22-4g7w-348p", "GHSA-p8p7-x288-28g6", "GHSA-xvch-5gv4-984h", "GHSA-35jh-r3h4-6jhm",
                "GHSA-vh95-rmgr-6w4m",
             "PYSEC-2026-1", "VIGIL-NOSEV-1", "VIGIL-WITHDRAWN-1"],
            page.Ids);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_OldestFirst_ReversesThePublishedOrder(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);

        var page = await PageHtml.GetAsync(test, "/?sort=oldest&q=GHSA");

        Assert.Equal(
            ["GHSA-vh95-rmgr-6w4m", "GHSA-35jh-r3h4-6jhm", "GHSA-xvch-5gv4-984h", "GHSA-p8p7-x288-28g6",
                "GHSA-cm22-4g7w-348p"],
            page.Ids);
    }

    private const string Xvch = "GHSA-xvch-5gv4-984h";
    private const string Vh95 = "GHSA-vh95-rmgr-6w4m";

    public static TheoryData<DatabaseProvider, string, string[]> Filters => new()
    {
        // Text: a package name, an alias in any case, words of a summary, part of an id.
        { DatabaseProvider.Sqlite, "q=minimist&sort=newest", [Xvch, Vh95, "VIGIL-WITHDRAWN-1"] },
        { DatabaseProvider.Postgres, "q=minimist&sort=newest", [Xvch, Vh95, "VIGIL-WITHDRAWN-1"] },
        // Words of the details (full text), in any order and form.
        { DatabaseProvider.Sqlite, "q=pollution+prototype&sort=newest", [Xvch, Vh95] },
        { DatabaseProvider.Postgres, "q=polluted+prototypes&sort=newest", [Xvch, Vh95] },
        { DatabaseProvider.Sqlite, "q=cve-2020-7598", ["GHSA-vh95-rmgr-6w4m"] },
        { DatabaseProvider.Postgres, "q=cve-2020-7598", ["GHSA-vh95-rmgr-6w4m"] },
        { DatabaseProvider.Sqlite, "q=Server-Side+request", ["GHSA-p8p7-x288-28g6"] },
        { DatabaseProvider.Postgres, "q=server-side+REQUEST", ["GHSA-p8p7-x288-28g6"] },
        { DatabaseProvider.Sqlite, "q=pysec", ["PYSEC-2026-1"] },
        // Filters: ecosystem, exact package (a scoped name), severity, published range (inclusive days).
        { DatabaseProvider.Sqlite, "ecosystem=PyPI", ["PYSEC-2026-1"] },
        { DatabaseProvider.Postgres, "ecosystem=PyPI", ["PYSEC-2026-1"] },
        { DatabaseProvider.Sqlite, "package=%40cypress%2Frequest", ["GHSA-p8p7-x288-28g6"] },
        { DatabaseProvider.Postgres, "package=%40cypress%2Frequest", ["GHSA-p8p7-x288-28g6"] },
        { DatabaseProvider.Sqlite, "severity=critical", ["GHSA-xvch-5gv4-984h"] },
        { DatabaseProvider.Postgres, "severity=moderate",
            ["GHSA-cm22-4g7w-348p", "GHSA-p8p7-x288-28g6", "GHSA-vh95-rmgr-6w4m"] },
        { DatabaseProvider.Sqlite, "severity=unknown&ecosystem=npm", ["VIGIL-NOSEV-1", "VIGIL-WITHDRAWN-1"] },
        { DatabaseProvider.Sqlite, "from=2021-05-06&to=2023-03-16",
            ["GHSA-p8p7-x288-28g6", "GHSA-xvch-5gv4-984h", "GHSA-35jh-r3h4-6jhm"] },
        { DatabaseProvider.Postgres, "from=2021-05-06&to=2023-03-16",
            ["GHSA-p8p7-x288-28g6", "GHSA-xvch-5gv4-984h", "GHSA-35jh-r3h4-6jhm"] },
        { DatabaseProvider.Sqlite, "q=minimist&severity=critical", ["GHSA-xvch-5gv4-984h"] },
        // The weakness, as CWE-<n> or <n>, alone or with text and severity.
        { DatabaseProvider.Sqlite, "cwe=CWE-1321", [Xvch, Vh95] },
        { DatabaseProvider.Postgres, "cwe=1321&severity=critical", ["GHSA-xvch-5gv4-984h"] },
        { DatabaseProvider.Postgres, "cwe=CWE-918&q=request", ["GHSA-p8p7-x288-28g6"] },
        { DatabaseProvider.Sqlite, "cwe=CWE-918&q=minimist", [] },
        { DatabaseProvider.Sqlite, "q=nothing-matches-this", [] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Search_Filter_ListsOnlyMatches(DatabaseProvider provider, string query, string[] expected)
    {
        await using var test = await WebTest.StartAsync(provider);

        var page = await PageHtml.GetAsync(test, "/?" + query);

        Assert.Equal(200, page.Status);
        Assert.Equal(expected, page.Ids);
        Assert.Equal(expected.Length == 1 ? "1 advisory" : $"{expected.Length} advisories", page.Text("#result-count"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_MoreThanOnePage_PagesThroughWithTheTotalCount(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);
        await PageHtml.SeedAsync(test, Enumerable.Range(1, 30).Select(i =>
            Infrastructure.Advisories.Made($"BULK-{i:00}", "crates.io", "bulk", "0", "1.0.0")));

        var first = await PageHtml.GetAsync(test, "/?ecosystem=crates.io");
        var second = await PageHtml.GetAsync(test, first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!);

        Assert.Equal("30 advisories", first.Text("#result-count"));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"BULK-{i:00}"), first.Ids);
        Assert.Equal(Enumerable.Range(26, 5).Select(i => $"BULK-{i:00}"), second.Ids);
        Assert.Equal("Page 2 of 2", second.Text(".pager span"));
        Assert.Null(second.Document.QuerySelector("a[rel=next]"));
    }

    [Theory]
    [InlineData("from=2020-13-01", "From date '2020-13-01' is not a date in the form YYYY-MM-DD.")]
    [InlineData("to=yesterday", "To date 'yesterday' is not a date in the form YYYY-MM-DD.")]
    [InlineData("from=2024-01-02&to=2024-01-01", "The 'from' date is after the 'to' date.")]
    [InlineData("severity=severe", "Severity 'severe' is not one of critical, high, moderate, low, info, unknown.")]
    [InlineData("page=0", "Page '0' is not a page number (1 or more).")]
    [InlineData("page=two", "Page 'two' is not a page number (1 or more).")]
    [InlineData("sort=random", "Sort 'random' is not 'relevance', 'newest' or 'oldest'.")]
    [InlineData("cwe=79x", "Weakness '79x' is not a CWE id (CWE- and a number, e.g. CWE-1321).")]
    public async Task Search_BadInput_Returns400NamingTheProblem(string query, string problem)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var page = await PageHtml.GetAsync(test, "/?" + query);

        Assert.Equal(400, page.Status);
        Assert.Equal([problem], page.Texts(".problems li"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_NothingMatches_ShowsTheSearchAndWaysOn(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);

        var page = await PageHtml.GetAsync(test, "/?q=zzqx+wibble&severity=high&cwe=CWE-79");

        Assert.Equal(200, page.Status);
        Assert.Equal("0 advisories", page.Text("#result-count"));
        Assert.Equal("No advisory matches this search", page.Text(".no-match h2"));
        Assert.Equal(["Words", "Severity", "Weakness"], page.Texts(".no-match dt"));
        Assert.Equal("zzqx wibble", page.Text(".no-match dd q"));
        var links = page.Document.QuerySelectorAll(".no-match a")
            .Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal(
            [("remove this filter", "/?q=zzqx%20wibble&cwe=CWE-79"),
             ("remove this filter", "/?q=zzqx%20wibble&severity=high"),
             ("Search the same words without filters", "/?q=zzqx%20wibble"), ("See all advisories", "/"),
             ("Report it privately", "/reports/new")],
            links);
    }

    [Fact]
    public async Task Search_WholeListOfAnEmptyInstance_ShowsNoNoMatchBox()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);

        var page = await PageHtml.GetAsync(test, "/");

        Assert.Equal("0 advisories", page.Text("#result-count"));
        Assert.Null(page.Document.QuerySelector(".no-match"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_CweChoices_AreTheWeaknessesTheAdvisoriesName(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);

        var page = await PageHtml.GetAsync(test, "/?cwe=CWE-1321");

        var options = page.Document.QuerySelectorAll("#cwe option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", "CWE-77", "CWE-79", "CWE-94", "CWE-918", "CWE-1321"], options);
        Assert.StartsWith("CWE-1321: Improperly Controlled Modification of Object Prototype Attributes",
            page.Text("#cwe option[selected]"));
    }
}
