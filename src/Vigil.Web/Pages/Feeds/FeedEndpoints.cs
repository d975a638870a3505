using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Publication;
using Vigil.Web.Compat;

namespace Vigil.Web.Pages.Feeds;

/// <summary>
/// Atom 1.0 feeds (RFC 4287) of the newest advisories by modification time: all, per ecosystem, per
/// package. Written with System.ServiceModel.Syndication's Atom formatter rather than by hand, so the
/// element order, dates and escaping follow the RFC without our own XML code.
/// </summary>
public static class FeedEndpoints
{
    public const int Entries = 50;
    private const string AtomType = "application/atom+xml; charset=utf-8";

    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds");
        feeds.MapGet("/atom.xml", AllAsync);
        feeds.MapGet("/ecosystems/{ecosystem}/atom.xml", EcosystemAsync);
        feeds.MapGet("/packages/{ecosystem}/{**name}", PackageAsync);
        return app;
    }

    private static Task<Results<FileContentHttpResult, NotFound>> AllAsync(
        HttpRequest request, ListRecentAdvisories recent, ListAdvisoryRevisions revisions,
        IOptions<ServerOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        FeedAsync(request, recent, revisions, options.Value, clock, null, null, "All advisories", "/",
            cancellationToken);

    private static Task<Results<FileContentHttpResult, NotFound>> EcosystemAsync(string ecosystem,
        HttpRequest request, ListRecentAdvisories recent, ListAdvisoryRevisions revisions,
        IOptions<ServerOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        FeedAsync(request, recent, revisions, options.Value, clock, ecosystem, null, $"{ecosystem} advisories",
            "/?ecosystem=" + Uri.EscapeDataString(ecosystem), cancellationToken);

    private static Task<Results<FileContentHttpResult, NotFound>> PackageAsync(string ecosystem, string name,
        HttpRequest request, ListRecentAdvisories recent, ListAdvisoryRevisions revisions,
        IOptions<ServerOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var package = PageLinks.RouteName(name);
        return FeedAsync(request, recent, revisions, options.Value, clock, ecosystem, package,
            $"Advisories for {ecosystem}/{package}",
            PageLinks.Package(ecosystem, package), cancellationToken);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> FeedAsync(HttpRequest request,
        ListRecentAdvisories recent, ListAdvisoryRevisions revisions, ServerOptions options, TimeProvider clock,
        string? ecosystem, string? package, string title, string page, CancellationToken cancellationToken)
    {
        var advisories = await recent.ExecuteAsync(ecosystem, package, Entries, cancellationToken);
        if (advisories.Count == 0 && (ecosystem is not null || package is not null))
        {
            return TypedResults.NotFound();
        }
        var latest = await revisions.LatestAsync(advisories.Select(a => a.Id).ToList(), cancellationToken);
        var root = PublicUrl.Of(request, options);
        var self = root + request.Path + request.QueryString;
        var feed = new SyndicationFeed(title, "Vigil security advisories", new Uri(root + page), self,
            advisories.Count > 0 ? advisories[0].Modified : clock.GetUtcNow());
        feed.Authors.Add(new SyndicationPerson { Name = "Vigil" });
        feed.Links.Add(new SyndicationLink(new Uri(self), "self", title, "application/atom+xml", 0));
        feed.Items = advisories.Select(a => Entry(root, a, latest.GetValueOrDefault(a.Id))).ToList();
        return TypedResults.File(Write(feed), AtomType);
    }

    private static SyndicationItem Entry(string root, RecentAdvisory advisory, AdvisoryRevision? revision)
    {
        var url = root + PageLinks.Advisory(advisory.Id);
        var title = advisory.Withdrawn is null ? advisory.Id : $"[withdrawn] {advisory.Id}";
        var item = new SyndicationItem
        {
            Title = new TextSyndicationContent($"{title}: {advisory.Summary ?? "(no summary)"}"),
            Id = url,
            LastUpdatedTime = advisory.Modified,
            Summary = new TextSyndicationContent(Summary(advisory, revision)),
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(url), "text/html"));
        if (advisory.Published is { } published)
        {
            item.PublishDate = published;
        }
        item.Categories.Add(new SyndicationCategory(advisory.Severity.ToNpmWord()));
        foreach (var package in advisory.Packages)
        {
            item.Categories.Add(new SyndicationCategory($"{package.Ecosystem}/{package.Name}"));
        }
        return item;
    }

    private static string Summary(RecentAdvisory advisory, AdvisoryRevision? revision)
    {
        var text = new StringBuilder(advisory.Summary ?? "(no summary)");
        text.Append(" Severity: ").Append(advisory.Severity.ToNpmWord()).Append('.');
        if (advisory.Packages.Count > 0)
        {
            text.Append(" Packages: ")
                .AppendJoin(", ", advisory.Packages.Select(p => $"{p.Ecosystem}/{p.Name}"))
                .Append('.');
        }
        if (advisory.Withdrawn is not null)
        {
            text.Append(" This advisory has been withdrawn.");
        }
        if (revision is not null)
        {
            text.Append(" Corrected (revision ").Append(revision.Revision)
                .Append(", ").Append(OsvJson.Format(revision.At)).Append("): ")
                .Append(revision.Changes).Append(". Reason: ").Append(revision.Reason);
        }
        return text.ToString();
    }

    private static byte[] Write(SyndicationFeed feed)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(
            buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        return buffer.ToArray();
    }
}
