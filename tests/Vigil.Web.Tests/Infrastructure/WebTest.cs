using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Web.Tests.Infrastructure;

/// <summary>One app on one fresh database, seeded with the GHSA examples and a few made-up entries.</summary>
public sealed class WebTest : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly VigilFactory _factory;

    private WebTest(TestDatabase database, VigilFactory factory)
    {
        _database = database;
        _factory = factory;
        Client = factory.CreateClient();
    }

    public HttpClient Client { get; }

    public VigilDbContext OpenDatabase() => _database.Open();

    public DatabaseTarget Target => _database.Target;

    public VigilFactory Factory => _factory;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<WebTest> StartAsync(DatabaseProvider provider, bool seed = true)
    {
        var database = await TestDatabase.CreateAsync(provider);
        if (seed)
        {
            await Advisories.SeedAsync(database.Target, [
                .. Advisories.Examples(),
                Advisories.Made("VIGIL-WITHDRAWN-1", "npm", "minimist", "0", "9.9.9",
                    withdrawn: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
                Advisories.Made("PYSEC-2026-1", "PyPI", "django", "4.0", "4.2.1"),
                Advisories.Made("VIGIL-NOSEV-1", "npm", "left-pad", "0", "1.3.0"),
            ]);
        }
        return new WebTest(database, new VigilFactory(database.Target));
    }

    public async Task<(int Status, JsonNode? Body)> PostJsonAsync(string path, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(path, content, Ct);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public async Task<(int Status, JsonNode? Body)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path, Ct);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public static async Task<JsonNode?> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public static OsvVulnerability Osv(JsonNode node) => OsvJson.Deserialize(node.ToJsonString());

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }
}
