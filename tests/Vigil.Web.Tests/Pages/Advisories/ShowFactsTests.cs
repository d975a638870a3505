using Vigil.Core.Data;
using Vigil.Core.Imports;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Advisories;

/// <summary>What the record holds is on the page: the source's patched range, aliases as links, weaknesses by
/// name.</summary>
public class ShowFactsTests
{
    private static async Task<WebTest> WithWgAsync(DatabaseProvider provider)
    {
        var test = await WebTest.StartAsync(provider);
        await using var db = test.OpenDatabase();
        var summary = await new ImportAdvisories(db, TimeProvider.System, ImportOptions.Default)
            .ExecuteAsync([SharedData.Path("data", "nodejs-security-wg", "vuln")], cancellationToken: WebTest.Ct);
        Assert.Empty(summary.Problems);
        return test;
    }

    /// <summary>NSWG-ECO-1: vulnerable &lt;=1.5.1 (a last_affected event, no fixed one), patched &gt;=1.5.2 in the WG
    /// record.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Show_WgRecordWithPatchedRange_ShowsItInsteadOfNoFix(DatabaseProvider provider)
    {
        await using var test = await WithWgAsync(provider);

        var page = await PageHtml.GetAsync(test, "/advisories/NSWG-ECO-1");

        Assert.Equal(200, page.Status);
        var facts = page.Document.QuerySelectorAll(".affected dl.facts dt")
            .Select(dt => (dt.TextContent.Trim(), dt.NextElementSibling!.TextContent.Trim())).ToList();
        Assert.Contains(("Patched", ">=1.5.2"), facts);
        Assert.DoesNotContain(facts, f => f.Item2 == "no fixed version");
        var alias = page.Document.QuerySelector("dl.facts ul.inline a")!;
        Assert.Equal(("CVE-2014-7205", "https://www.cve.org/CVERecord?id=CVE-2014-7205", "nofollow noopener"),
            (alias.TextContent, alias.GetAttribute("href"), alias.GetAttribute("rel")));
    }

    /// <summary>The WG's "no fix" idiom is not shown as a patched range.</summary>
    [Fact]
    public async Task Show_WgRecordWithoutFix_SaysNoFixedVersion()
    {
        await using var test = await WithWgAsync(DatabaseProvider.Sqlite);
        var unfixed = Directory.EnumerateFiles(SharedData.Path("data", "nodejs-security-wg", "vuln", "npm"), "*.json")
            .Where(f => !f.EndsWith("index.json", StringComparison.Ordinal))
            .Select(f => System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(f)))
            .OfType<System.Text.Json.Nodes.JsonObject>()
            .First(n => n["patched_versions"]?.GetValue<string>() == "<0.0.0");

        var page = await PageHtml.GetAsync(test, $"/advisories/NSWG-ECO-{unfixed["id"]}");

        Assert.Equal(200, page.Status);
        Assert.Contains("no fixed version", page.Texts(".affected dl.facts dd"));
    }

    /// <summary>NSWG-COR-57 is typed "CWE-400: Uncontrolled Resource Consumption / Denial of Service" in the WG
    /// data.</summary>
    [Fact]
    public async Task Show_AdvisoryWithCwe_NamesTheWeaknessAndLinksItsDefinition()
    {
        await using var test = await WithWgAsync(DatabaseProvider.Sqlite);

        var page = await PageHtml.GetAsync(test, "/advisories/NSWG-COR-57");

        Assert.Equal(200, page.Status);
        var weakness = page.Document.QuerySelectorAll("dl.facts dt").Single(dt => dt.TextContent == "Weakness")
            .NextElementSibling!;
        Assert.Equal("CWE-400: Uncontrolled Resource Consumption", weakness.TextContent.Trim());
        Assert.Equal("https://cwe.mitre.org/data/definitions/400.html",
            weakness.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void CweNames_EveryCweInTheWgData_HasAName()
    {
        var ids = Directory.EnumerateFiles(SharedData.Path("data", "nodejs-security-wg", "vuln"), "*.json",
            SearchOption.AllDirectories)
            .SelectMany(
                f =>
                    System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "CWE-[1-9][0-9]*")
                        .Select(m => m.Value))
            .Distinct(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.NotNull(Vigil.Core.Advisories.CweNames.NameOf(id)));
    }
}
