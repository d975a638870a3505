namespace Vigil.Web.Pages;

/// <summary>Paths of the public pages, with each segment escaped (a scoped npm name keeps its '@' and '/').</summary>
public static class PageLinks
{
    public static string Advisory(string id) => "/advisories/" + Segment(id);

    public static string OsvJson(string id) => "/v1/vulns/" + Segment(id);

    public static string Package(string ecosystem, string name) => $"/packages/{Segment(ecosystem)}/{Name(name)}";

    public static string PackageFeed(string ecosystem, string name) =>
        $"/feeds/packages/{Segment(ecosystem)}/{Name(name)}";

    public static string EcosystemFeed(string ecosystem) => $"/feeds/ecosystems/{Segment(ecosystem)}/atom.xml";

    public const string AllFeed = "/feeds/atom.xml";

    /// <summary>
    /// A package name from a catch-all route value: the server decodes every escape in a path except
    /// %2F, so <c>%40scope%2Fname</c> arrives as <c>@scope%2Fname</c>.
    /// </summary>
    public static string RouteName(string value) => value.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static string Name(string name) => string.Join('/', name.Split('/').Select(Segment));

    private static string Segment(string value) =>
        Uri.EscapeDataString(value).Replace("%40", "@", StringComparison.Ordinal);
}
