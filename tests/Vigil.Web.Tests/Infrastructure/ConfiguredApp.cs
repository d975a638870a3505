using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a fresh database with extra configuration (e.g. a low rate limit) and, optionally, a log sink.
/// </summary>
public sealed class ConfiguredApp : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly WebApplicationFactory<Program> _factory;

    private ConfiguredApp(TestDatabase database, WebApplicationFactory<Program> factory, Uri baseAddress)
    {
        _database = database;
        _factory = factory;
        Client = factory.CreateClient(
            new WebApplicationFactoryClientOptions { BaseAddress = baseAddress, AllowAutoRedirect = false });
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ConfiguredApp> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null,
        IEnumerable<OsvVulnerability>? seed = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite,
        ILoggerProvider? logs = null,
        string baseAddress = "http://localhost")
    {
        var database = await TestDatabase.CreateAsync(provider);
        await Advisories.SeedAsync(database.Target, seed ?? Advisories.Examples());
        var factory = new VigilFactory(database.Target).WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }
            if (logs is not null)
            {
                builder.ConfigureLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
            }
        });
        return new ConfiguredApp(database, factory, new Uri(baseAddress));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }
}
