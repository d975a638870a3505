using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Community;

/// <summary>
/// The real app on a fresh database with one program (npm-eco, every npm package), a public URL, an e-mail
/// fallback and a fake clock starting Wednesday 25 November 2026 09:00 UTC.
/// </summary>
public sealed class CommunityApp : IAsyncDisposable
{
    public const string PublicUrl = "https://vigil.example.test";
    public const string Email = "security@vigil.example.test";
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database;
    private readonly WebApplicationFactory<Program> _factory;

    private CommunityApp(TestDatabase database, FakeTimeProvider clock, WebApplicationFactory<Program> factory)
    {
        _database = database;
        Clock = clock;
        _factory = factory;
        Client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public HttpClient Client { get; }
    public FakeTimeProvider Clock { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<CommunityApp> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite,
        IEnumerable<OsvVulnerability>? seed = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await Advisories.SeedAsync(database.Target, seed ?? []);
        var clock = new FakeTimeProvider(Start);
        var app = new CommunityApp(database, clock, new VigilFactory(database.Target).WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Vigil:PublicUrl", PublicUrl);
            builder.UseSetting("Vigil:Community:ContactEmail", Email);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }));
        await using var db = database.Open();
        await new CreateProgram(db, app.Clock)
            .ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC", new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        return app;
    }

    public VigilDbContext OpenDatabase() => _database.Open();

    public IServiceProvider Services => _factory.Services;

    public async Task<(int Status, string Text, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await Client.GetAsync(path, Ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }
}
