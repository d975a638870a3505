using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Health;

public class HealthEndpointsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Healthz_DatabaseAnswers_Returns200(DatabaseProvider provider)
    {
        await using var test = await WebTest.StartAsync(provider, seed: false);

        var (status, body) = await test.GetAsync("/healthz");

        Assert.Equal(200, status);
        Assert.Equal("healthy", (string?)body!["status"]);
    }

    [Fact]
    public async Task Healthz_DatabaseUnreachable_Returns503()
    {
        // Port 1 on loopback refuses connections; migrations are off so the app can start at all.
        var target = new DatabaseTarget(DatabaseProvider.Postgres,
            "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=3");
        await using var factory = new VigilFactory(target, migrateOnStart: false);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/healthz", WebTest.Ct);

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("unhealthy", (string?)(await WebTest.ReadAsync(response))!["status"]);
    }
}
