using AngleSharp.Html.Parser;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Community;

/// <summary>The SECURITY.md generator, its pages and its API, against golden files.</summary>
public class SecurityMdTests
{
    private static string Golden(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Community", "golden", name)).ReplaceLineEndings("\n");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "/api/programs/npm-eco/security-md", "program.md")]
    [InlineData(DatabaseProvider.Postgres, "/api/programs/npm-eco/security-md", "program.md")]
    [InlineData(DatabaseProvider.Sqlite, "/api/programs/npm-eco/security-md?ecosystem=npm&package=%40acme%2Fdeep-merge",
        "package.md")]
    [InlineData(DatabaseProvider.Sqlite, "/programs/npm-eco/SECURITY.md", "program.md")]
    [InlineData(DatabaseProvider.Sqlite, "/programs/npm-eco/packages/npm/@acme/deep-merge/SECURITY.md", "package.md")]
    [InlineData(DatabaseProvider.Sqlite, "/programs/npm-eco/packages/npm/%40acme%2Fdeep-merge/SECURITY.md",
        "package.md")]
    public async Task Get_Program_MatchesGoldenFile(DatabaseProvider provider, string path, string golden)
    {
        await using var app = await CommunityApp.StartAsync(provider);

        var (status, text, response) = await app.GetAsync(path);

        Assert.Equal(200, status);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Golden(golden), text);
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("SECURITY.md", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        }
    }

    [Fact]
    public async Task Get_NoEmailConfigured_NoFallbackLine()
    {
        await using var app = await CommunityApp.StartAsync(
            settings: new Dictionary<string, string> { ["Vigil:Community:ContactEmail"] = "" });

        var (_, text, _) = await app.GetAsync("/api/programs/npm-eco/security-md");

        Assert.DoesNotContain("mailto:", text, StringComparison.Ordinal);
        Assert.Equal(
            Golden("program.md")
                .Replace($"If you cannot use the form, write to <mailto:{CommunityApp.Email}>.\n\n", "",
                    StringComparison.Ordinal),
            text);
    }

    [Theory]
    [InlineData("/api/programs/nope/security-md", 404)]
    [InlineData("/api/programs/npm-eco/security-md?ecosystem=NuGet&package=Newtonsoft.Json", 404)]
    [InlineData("/api/programs/npm-eco/security-md?ecosystem=npm", 400)]
    [InlineData("/api/programs/npm-eco/security-md?package=left-pad", 400)]
    [InlineData("/programs/npm-eco/packages/NuGet/Newtonsoft.Json/security-md", 404)]
    [InlineData("/programs/npm-eco/packages/npm/left-pad/other", 404)]
    [InlineData("/programs/nope/security-md", 404)]
    public async Task Get_BadProgramOrPackage_ClearError(string path, int expected)
    {
        await using var app = await CommunityApp.StartAsync();

        var (status, text, _) = await app.GetAsync(path);

        Assert.Equal(expected, status);
        Assert.NotEmpty(text);
    }

    [Theory]
    [InlineData("/programs/npm-eco/security-md", "/programs/npm-eco/SECURITY.md", "program.md")]
    [InlineData("/programs/npm-eco/packages/npm/@acme/deep-merge/security-md",
        "/programs/npm-eco/packages/npm/@acme/deep-merge/SECURITY.md", "package.md")]
    public async Task Page_ShowsPreviewTextCopyButtonAndDownload(string path, string download, string golden)
    {
        await using var app = await CommunityApp.StartAsync();

        var (status, html, _) = await app.GetAsync(path);

        Assert.Equal(200, status);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal(download, page.QuerySelector("#download")!.GetAttribute("href"));
        Assert.Equal(Golden(golden),
            page.QuerySelector("textarea#markdown")!.TextContent.ReplaceLineEndings("\n").TrimStart('\n'));
        Assert.NotNull(page.QuerySelector("#preview h1"));
        Assert.NotNull(
            page.QuerySelector("#preview a[href^='https://vigil.example.test/reports/new?program=npm-eco']"));
        Assert.Equal("markdown", page.QuerySelector("button[data-copy]")!.GetAttribute("data-copy"));
        Assert.NotNull(page.QuerySelector("script[src='/static/copy.js']"));
        var (scriptStatus, _, _) = await app.GetAsync("/static/copy.js");
        Assert.Equal(200, scriptStatus);
    }

    [Fact]
    public async Task ReportForm_QueryFromSecurityMdLink_PreFillsProgramEcosystemAndPackage()
    {
        await using var app = await CommunityApp.StartAsync();

        var (status, html, _) = await app.GetAsync(
            "/reports/new?program=npm-eco&ecosystem=npm&package=%40acme%2Fdeep-merge");

        Assert.Equal(200, status);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal("npm-eco", page.QuerySelector("#program option[selected]")!.GetAttribute("value"));
        Assert.Equal("npm", page.QuerySelector("#ecosystem option[selected]")!.GetAttribute("value"));
        Assert.Equal("@acme/deep-merge", page.QuerySelector("#package")!.GetAttribute("value"));
    }
}
