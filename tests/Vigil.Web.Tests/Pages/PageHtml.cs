using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages;

/// <summary>A page fetched through the real app and parsed by a real HTML parser (AngleSharp).</summary>
public sealed record PageHtml(int Status, string Path, IDocument Document)
{
    public static async Task<PageHtml> GetAsync(WebTest test, string path)
    {
        using var response = await test.Client.GetAsync(path, WebTest.Ct);
        var text = await response.Content.ReadAsStringAsync(WebTest.Ct);
        var document = await new HtmlParser().ParseDocumentAsync(text, WebTest.Ct);
        return new PageHtml((int)response.StatusCode, response.RequestMessage!.RequestUri!.PathAndQuery, document);
    }

    /// <summary>Adds advisories to the test's database (the app reads it on the next request).</summary>
    public static async Task SeedAsync(WebTest test, IEnumerable<OsvVulnerability> vulnerabilities)
    {
        await using var db = test.OpenDatabase();
        await new UpsertAdvisories(db, TimeProvider.System)
            .ExecuteAsync(vulnerabilities.Select(v => new AdvisoryToStore(v, "osv")).ToList(), WebTest.Ct);
    }

    public string Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim() ?? "";

    public IReadOnlyList<string> Texts(string selector) =>
        Document.QuerySelectorAll(selector).Select(e => e.TextContent.Trim()).ToList();

    /// <summary>The advisory ids listed, in order.</summary>
    public IReadOnlyList<string> Ids => Texts("ol.advisories > li a.id");
}
