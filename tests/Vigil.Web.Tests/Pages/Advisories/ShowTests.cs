using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Advisories;

public class ShowTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Show_ById_RendersTheAdvisory(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);

        var page = await PageHtml.GetAsync(test, "/advisories/GHSA-cm22-4g7w-348p");

        Assert.Equal(200, page.Status);
        Assert.Equal("GHSA-cm22-4g7w-348p", page.Text("#advisory-id"));
        Assert.StartsWith("serve-static vulnerable to template injection", page.Text(".lead"));
        Assert.Equal("moderate 5.0", page.Text(".meta .sev"));
        Assert.Equal(["CVE-2024-43800"], page.Texts("dl.facts ul.inline li"));
        Assert.Equal(["CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')"],
            page.Texts("dl.facts ul.plain li"));
        Assert.Contains("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:L", page.Texts("code.vector"));
        Assert.Equal(
            ["from the first version up to but not including 1.16.0", "from 2.0.0 up to but not including 2.1.0"],
            page.Texts(".affected ul.ranges li"));
        Assert.Contains("introduced 0, fixed 1.16.0", page.Texts(".affected dd code"));
        Assert.Contains(page.Texts(".affected dd code"), range => range.Contains("<1.16.0", StringComparison.Ordinal));
        Assert.Equal("/v1/vulns/GHSA-cm22-4g7w-348p", page.Document.QuerySelector(".meta a")!.GetAttribute("href"));
        Assert.Equal("/packages/npm/serve-static", page.Document.QuerySelector(".affected h3 a")!.GetAttribute("href"));
        Assert.Equal("10 Sep 2024", page.Document.QuerySelector("dl.facts time")!.TextContent);
        Assert.All(page.Document.QuerySelectorAll("ul.refs a"),
            a => Assert.Equal("nofollow noopener", a.GetAttribute("rel")));
        Assert.Equal("/feeds/packages/npm/serve-static",
            page.Document.QuerySelector("link[rel=alternate]")!.GetAttribute("href"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Show_ByAlias_RedirectsToTheCanonicalId(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);

        var page = await PageHtml.GetAsync(test, "/advisories/CVE-2021-44906");

        Assert.Equal(200, page.Status);
        Assert.Equal("/advisories/GHSA-xvch-5gv4-984h", page.Path);
        Assert.Equal("GHSA-xvch-5gv4-984h", page.Text("#advisory-id"));
    }

    [Theory]
    [InlineData("GHSA-0000-0000-0000")]
    [InlineData("ghsa-cm22-4g7w-348p")]
    [InlineData("<img src=x onerror=alert(1)>")]
    public async Task Show_UnknownId_Returns404Page(string id)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var page = await PageHtml.GetAsync(test, "/advisories/" + Uri.EscapeDataString(id));

        Assert.Equal(404, page.Status);
        Assert.Equal("Advisory not found", page.Text("h1"));
        Assert.Equal(id, page.Text(".notfound code"));
        Assert.Empty(page.Document.QuerySelectorAll("main script"));
    }

    [Fact]
    public async Task Show_Withdrawn_IsClearlyMarked()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var page = await PageHtml.GetAsync(test, "/advisories/VIGIL-WITHDRAWN-1");

        Assert.Equal(200, page.Status);
        Assert.StartsWith("Withdrawn on 1 Jan 2026", page.Text(".banner.withdrawn"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Show_AdvisoryUpdatedAfterAView_ServesTheNewVersion(DatabaseProvider provider)
    {
        // The page is output-cached per data version (AdvisoryPageCache): a second view is served from memory,
        // and an update (a newer `modified`) must show at once, not when the cache entry expires.
        await using var test = await WebTest.StartAsync(provider, seed: false);
        var advisory = Infrastructure.Advisories.Made("VIGIL-CACHE-1", "npm", "cached-demo", "0", "1.0.0");
        await PageHtml.SeedAsync(test, [advisory]);
        var first = await PageHtml.GetAsync(test, "/advisories/VIGIL-CACHE-1");
        var again = await PageHtml.GetAsync(test, "/advisories/VIGIL-CACHE-1");

        advisory.Summary = "Updated summary";
        advisory.Modified = advisory.Modified.AddDays(1);
        await PageHtml.SeedAsync(test, [advisory]);
        var updated = await PageHtml.GetAsync(test, "/advisories/VIGIL-CACHE-1");

        Assert.Equal("Made-up VIGIL-CACHE-1", first.Text(".lead"));
        Assert.Equal("Made-up VIGIL-CACHE-1", again.Text(".lead"));
        Assert.Equal(200, updated.Status);
        Assert.Equal("Updated summary", updated.Text(".lead"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Show_MarkdownDetails_RenderedSafely(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);
        await PageHtml.SeedAsync(test, [Xss.Advisory()]);

        var page = await PageHtml.GetAsync(test, "/advisories/" + Xss.Id);

        Assert.Equal(200, page.Status);
        var details = page.Document.QuerySelector(".details")!;
        Assert.Empty(details.QuerySelectorAll("script, iframe, img, style, object, embed, form"));
        Assert.Empty(details.QuerySelectorAll("[onerror], [onclick], [onload], [style]"));
        Assert.Equal(["https://example.org/fix"],
            details.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!));
        Assert.All(details.QuerySelectorAll("a"), a => Assert.Equal("nofollow noopener", a.GetAttribute("rel")));
        Assert.Equal("Impact", details.QuerySelector("h3")!.TextContent);
        Assert.Equal("npm install x@2", details.QuerySelector("pre code")!.TextContent.Trim());
        // Raw HTML is shown as text, not dropped: readers see what the reporter wrote.
        Assert.Contains("<script>window.pwned=1</script>", details.TextContent);
    }
}

/// <summary>An advisory whose Markdown details try every usual way to run script or load something.</summary>
public static class Xss
{
    public const string Id = "VIGIL-XSS-1";

    public const string Details = """
        ### Impact
        <script>window.pwned=1</script>
        <img src=x onerror="window.pwned=2">
        [click](javascript:window.pwned=3) and [data](data:text/html,<script>alert(1)</script>) and [vb](vbscript:x)
        <a href="javascript:window.pwned=4">raw link</a> <iframe src="https://example.org"></iframe>
        ![remote](https://example.org/a.png) <div style="background:url(x)" onclick="window.pwned=5">styled</div>
        [fix](https://example.org/fix)

        ```
        npm install x@2
        ```
        """;

    public static OsvVulnerability Advisory()
    {
        var advisory = Infrastructure.Advisories.Made(Id, "npm", "xss-demo", "1.0.0", "2.0.0", severity: "HIGH");
        advisory.Details = Details;
        advisory.Summary = "<b>Summary</b> with <script>window.pwned=6</script> markup";
        advisory.Published = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);
        advisory.References = [new OsvReference { Type = "WEB", Url = "javascript:window.pwned=7" },
            new OsvReference { Type = "FIX", Url = "https://example.org/fix" }];
        advisory.Credits = [new OsvCredit { Name = "Ada <img src=x onerror=alert(1)>", Type = "FINDER" }];
        return advisory;
    }
}
