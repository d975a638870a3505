using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Community;

/// <summary>SVG badges, parsed as XML; only public facts in them.</summary>
public class BadgeTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const string Marker = "BADGE-PRIVATE-MARKER-93e1";

    private static readonly Vigil.Core.Advisories.Osv.OsvVulnerability[] Seed =
    [
        Advisories.Made("VIGIL-B-1", "npm", "left-pad", "0", "1.3.0"),
        Advisories.Made("VIGIL-B-2", "npm", "left-pad", "2.0.0", "2.0.1"),
        Advisories.Made("VIGIL-B-3", "npm", "left-pad", "0", "9.9.9",
            withdrawn: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        Advisories.Made("VIGIL-B-4", "NuGet", "Acme.Lib", "0", "1.0.0"),
    ];

    /// <summary>The badge's accessible text: role, aria-label and title agree; the visible texts are the same
    /// words.</summary>
    private static string AccessibleText(string svg)
    {
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("img", (string?)root.Attribute("role"));
        var title = root.Element(Svg + "title")!.Value;
        Assert.Equal(title, (string?)root.Attribute("aria-label"));
        Assert.Equal(title, string.Join(": ", root.Descendants(Svg + "text").Select(t => t.Value)));
        return title;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "/badges/npm/left-pad/policy.svg",
        "security policy: covered by npm ecosystem")]
    [InlineData(DatabaseProvider.Postgres, "/badges/npm/left-pad/policy.svg",
        "security policy: covered by npm ecosystem")]
    [InlineData(DatabaseProvider.Sqlite, "/badges/npm/@acme/deep-merge/policy.svg",
        "security policy: covered by npm ecosystem")]
    [InlineData(DatabaseProvider.Sqlite, "/badges/npm/%40acme%2Fdeep-merge/policy.svg",
        "security policy: covered by npm ecosystem")]
    [InlineData(DatabaseProvider.Sqlite, "/badges/NuGet/Acme.Lib/policy.svg", "security policy: none")]
    [InlineData(DatabaseProvider.Sqlite, "/badges/npm/left-pad/advisories.svg", "advisories: 2 published")]
    [InlineData(DatabaseProvider.Postgres, "/badges/npm/left-pad/advisories.svg", "advisories: 2 published")]
    [InlineData(DatabaseProvider.Sqlite, "/badges/NuGet/Acme.Lib/advisories.svg", "advisories: 1 published")]
    [InlineData(DatabaseProvider.Sqlite, "/badges/npm/@acme/deep-merge/advisories.svg", "advisories: 0 published")]
    public async Task Get_Badge_SvgWithAccessibleText(DatabaseProvider provider, string path, string expected)
    {
        await using var app = await CommunityApp.StartAsync(provider, Seed);

        var (status, svg, response) = await app.GetAsync(path);

        Assert.Equal(200, status);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=3600", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(expected, AccessibleText(svg));
    }

    [Fact]
    public async Task Get_SameETag_304()
    {
        await using var app = await CommunityApp.StartAsync(seed: Seed);
        var (_, _, first) = await app.GetAsync("/badges/npm/left-pad/advisories.svg");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/badges/npm/left-pad/advisories.svg");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var again = await app.Client.SendAsync(request, CommunityApp.Ct);

        Assert.Equal(304, (int)again.StatusCode);
    }

    [Fact]
    public async Task Get_ProgramNameWithMarkup_EscapedAndParses()
    {
        await using var app = await CommunityApp.StartAsync();
        await using (var db = app.OpenDatabase())
        {
            await new CreateProgram(db, app.Clock).ExecuteAsync("nuget-eco", "Tom & \"Jerry\" <sec>", "NUSEC",
                new ProgramSettings(ScopeEcosystems: ["NuGet"]), CommunityApp.Ct);
        }

        var (status, svg, _) = await app.GetAsync("/badges/NuGet/Acme.Lib/policy.svg");

        Assert.Equal(200, status);
        Assert.Equal("security policy: covered by Tom & \"Jerry\" <sec>", AccessibleText(svg));
        Assert.DoesNotContain("<sec>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PrivateReportOnPackage_BadgesUnchangedAndNothingOfItShown()
    {
        await using var app = await CommunityApp.StartAsync(seed: Seed);
        var paths = new[] { "/badges/npm/left-pad/policy.svg", "/badges/npm/left-pad/advisories.svg",
            "/api/badges/npm/left-pad",
            "/badges/npm/secret-pkg-93e1/advisories.svg", "/api/badges/npm/secret-pkg-93e1" };
        var before = new List<string>();
        foreach (var path in paths)
        {
            before.Add((await app.GetAsync(path)).Text);
        }
        foreach (var package in new[] { "left-pad", "secret-pkg-93e1" })
        {
            var body = new JsonObject
            {
                ["packages"] = new JsonArray(
                    new JsonObject { ["ecosystem"] = "npm", ["name"] = package, ["affectedVersions"] = "<=1.4.1" }),
                ["title"] = $"Pollution {Marker}",
                ["description"] = $"Details {Marker}",
            }.ToJsonString();
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var submitted = await app.Client.PostAsync("/api/programs/npm-eco/reports", content, CommunityApp.Ct);
            Assert.Equal(201, (int)submitted.StatusCode);
        }

        foreach (var (path, i) in paths.Select((p, i) => (p, i)))
        {
            var (status, text, _) = await app.GetAsync(path);
            Assert.Equal(200, status);
            Assert.Equal(before[i], text);
            Assert.DoesNotContain(Marker, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ApiBadges_ScopedPackage_ProgramAndCount()
    {
        await using var app = await CommunityApp.StartAsync(seed: Seed);

        var (status, text, _) = await app.GetAsync("/api/badges/npm/@acme/deep-merge");
        var covered = JsonNode.Parse(text)!;
        var (_, none, _) = await app.GetAsync("/api/badges/NuGet/Acme.Lib");

        Assert.Equal(200, status);
        Assert.Equal("@acme/deep-merge", covered["name"]!.GetValue<string>());
        Assert.Equal("npm-eco", covered["program"]!["slug"]!.GetValue<string>());
        Assert.Equal(0, covered["publishedAdvisories"]!.GetValue<int>());
        Assert.Null(JsonNode.Parse(none)!["program"]);
        Assert.Equal(1, JsonNode.Parse(none)!["publishedAdvisories"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/badges/npm/left-pad/other.svg")]
    [InlineData("/badges/npm/policy.svg")]
    public async Task Get_NotABadge_404Problem(string path)
    {
        await using var app = await CommunityApp.StartAsync();

        var (status, text, _) = await app.GetAsync(path);

        Assert.Equal(404, status);
        Assert.Contains("policy.svg", text, StringComparison.Ordinal);
    }
}
