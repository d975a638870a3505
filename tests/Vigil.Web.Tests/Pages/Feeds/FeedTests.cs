using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Feeds;

public class FeedTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static async Task<(int Status, string? Type, string Body)> GetAsync(WebTest test, string path)
    {
        using var response = await test.Client.GetAsync(path, WebTest.Ct);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync(WebTest.Ct));
    }

    private static SyndicationFeed Parse(string body)
    {
        using var reader = XmlReader.Create(new StringReader(body));
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), "the document is not an Atom 1.0 feed");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AllFeed_IsAtomNewestModifiedFirst(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider);

        var (status, type, body) = await GetAsync(test, "/feeds/atom.xml");
        var feed = Parse(body);

        Assert.Equal(200, status);
        Assert.Equal("application/atom+xml", type);
        // Modified: the made-up ones 2026-01-02 (by id), then the GHSA documents' own times.
        Assert.Equal(
            ["PYSEC-2026-1", "VIGIL-NOSEV-1", "VIGIL-WITHDRAWN-1", "GHSA-cm22-4g7w-348p", "GHSA-p8p7-x288-28g6",
                "GHSA-xvch-5gv4-984h",
             "GHSA-vh95-rmgr-6w4m", "GHSA-35jh-r3h4-6jhm"],
            feed.Items.Select(i => i.Id[(i.Id.LastIndexOf('/') + 1)..]));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), feed.LastUpdatedTime);
        var entry = feed.Items.Single(i => i.Id.EndsWith("/advisories/GHSA-cm22-4g7w-348p", StringComparison.Ordinal));
        Assert.StartsWith("GHSA-cm22-4g7w-348p: serve-static vulnerable", entry.Title.Text);
        Assert.Equal(new DateTimeOffset(2024, 9, 10, 19, 42, 33, TimeSpan.Zero), entry.LastUpdatedTime);
        Assert.Equal(entry.Id, entry.Links.Single(l => l.RelationshipType == "alternate").Uri.ToString());
        Assert.StartsWith("[withdrawn] VIGIL-WITHDRAWN-1",
            feed.Items.Single(i => i.Id.EndsWith("VIGIL-WITHDRAWN-1", StringComparison.Ordinal)).Title.Text);
    }

    [Fact]
    public async Task AllFeed_MeetsRfc4287Requirements()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var (_, _, body) = await GetAsync(test, "/feeds/atom.xml");
        var root = XDocument.Parse(body).Root!;

        // RFC 4287 § 4.1.1: atom:feed has exactly one id, title and updated, an author, and a self link.
        Assert.Equal(Atom + "feed", root.Name);
        Assert.Single(root.Elements(Atom + "id"));
        Assert.Single(root.Elements(Atom + "title"));
        Assert.Single(root.Elements(Atom + "updated"));
        Assert.NotEmpty(root.Elements(Atom + "author"));
        Assert.Single(root.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        // § 4.1.2: each entry has exactly one id, title and updated.
        Assert.All(root.Elements(Atom + "entry"), entry =>
        {
            Assert.Single(entry.Elements(Atom + "id"));
            Assert.Single(entry.Elements(Atom + "title"));
            Assert.Single(entry.Elements(Atom + "updated"));
            Assert.True(Uri.IsWellFormedUriString(entry.Element(Atom + "id")!.Value, UriKind.Absolute));
        });
    }

    [Theory]
    [InlineData("/feeds/ecosystems/PyPI/atom.xml", new[] { "PYSEC-2026-1" })]
    [InlineData("/feeds/packages/npm/minimist",
        new[] { "VIGIL-WITHDRAWN-1", "GHSA-xvch-5gv4-984h", "GHSA-vh95-rmgr-6w4m" })]
    [InlineData("/feeds/packages/npm/@cypress/request", new[] { "GHSA-p8p7-x288-28g6" })]
    [InlineData("/feeds/packages/npm/%40cypress%2Frequest", new[] { "GHSA-p8p7-x288-28g6" })]
    public async Task Feed_OfEcosystemOrPackage_HasOnlyItsAdvisories(string path, string[] ids)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Postgres);

        var (status, _, body) = await GetAsync(test, path);

        Assert.Equal(200, status);
        Assert.Equal(ids, Parse(body).Items.Select(i => i.Id[(i.Id.LastIndexOf('/') + 1)..]));
    }

    [Theory]
    [InlineData("/feeds/ecosystems/Nope/atom.xml")]
    [InlineData("/feeds/packages/npm/no-such-package")]
    public async Task Feed_Unknown_Returns404(string path)
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite);

        var (status, _, _) = await GetAsync(test, path);

        Assert.Equal(404, status);
    }
}
