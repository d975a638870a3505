using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages;

public class StaticFilesTests
{
    [Fact]
    public async Task SiteCss_IsServedFromTheAssembly()
    {
        await using var test = await WebTest.StartAsync(DatabaseProvider.Sqlite, seed: false);

        using var response = await test.Client.GetAsync("/static/site.css", WebTest.Ct);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(":focus-visible", await response.Content.ReadAsStringAsync(WebTest.Ct));
    }
}
