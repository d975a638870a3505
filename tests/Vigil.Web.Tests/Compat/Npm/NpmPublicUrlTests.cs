using Microsoft.AspNetCore.Hosting;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

public class NpmPublicUrlTests
{
    [Fact]
    public async Task Bulk_PublicUrlConfigured_AdvisoryUrlsUseIt()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await Advisories.SeedAsync(database.Target, Advisories.Examples());
        await using var baseFactory = new VigilFactory(database.Target);
        await using var factory = baseFactory.WithWebHostBuilder(
            builder => builder.UseSetting("Vigil:PublicUrl", "https://vigil.example.com/"));
        using var client = factory.CreateClient();
        using var content = new StringContent("""{"lodash":["4.17.20"]}""", System.Text.Encoding.UTF8,
            "application/json");

        using var response = await client.PostAsync("/-/npm/v1/security/advisories/bulk", content, WebTest.Ct);

        var body = await WebTest.ReadAsync(response);
        Assert.Equal("https://vigil.example.com/advisories/GHSA-35jh-r3h4-6jhm", (string?)body!["lodash"]![0]!["url"]);
    }
}
