using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>GET /&lt;name&gt; with Vigil:Npm:Upstream set: passed through to a real registry-like server on
/// loopback.</summary>
public class NpmPackumentProxyTests
{
    [Theory]
    [InlineData("/minimist", "/minimist")]
    [InlineData("/mkdirp", "/mkdirp")]
    public async Task Packument_UpstreamConfigured_StreamsTheUpstreamDocument(string path, string upstreamPath)
    {
        await using var upstream = await UpstreamRegistry.StartAsync(WebTest.Ct);
        await using var app = await ProxyApp.StartAsync(upstream.Url);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "vigil-token");
        request.Headers.Add("Cookie", "session=1");

        using var response = await app.Client.SendAsync(request, WebTest.Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(upstream.Packument(upstreamPath.TrimStart('/')),
            await response.Content.ReadAsStringAsync(WebTest.Ct));
        var sent = Assert.Single(upstream.Requests);
        Assert.Equal(upstreamPath, sent.Path);
        Assert.Equal("application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*",
            sent.Headers["accept"]);
        // The caller's credentials are for Vigil: they never reach the upstream.
        Assert.False(sent.Headers.ContainsKey("authorization"));
        Assert.False(sent.Headers.ContainsKey("cookie"));
    }

    [Theory]
    [InlineData("/@cypress%2frequest")]
    [InlineData("/@cypress/request")]
    public async Task Packument_ScopedName_GoesUpstreamAsOneEncodedSegment(string path)
    {
        await using var upstream = await UpstreamRegistry.StartAsync(WebTest.Ct);
        await using var app = await ProxyApp.StartAsync(upstream.Url);

        var (status, body) = await app.GetAsync(path);

        // The upstream knows no such package: the registry's 404 body, as without an upstream.
        Assert.Equal(404, status);
        Assert.Equal(JsonNode.Parse("""{"error":"Not found"}"""), body, JsonNode.DeepEquals);
        Assert.Equal("/@cypress%2frequest", Assert.Single(upstream.Requests).Path, ignoreCase: true);
    }

    [Fact]
    public async Task Packument_UpstreamFails_Returns502Problem()
    {
        await using var upstream = await UpstreamRegistry.StartAsync(WebTest.Ct);
        await using var app = await ProxyApp.StartAsync(upstream.Url);

        var (status, problem) = await app.GetAsync("/broken");

        Assert.Equal(502, status);
        Assert.Equal("The upstream npm registry answered 500 for 'broken'.", (string?)problem!["detail"]);
    }

    [Fact]
    public async Task Packument_UpstreamUnreachable_Returns502Problem()
    {
        string closed;
        await using (var upstream = await UpstreamRegistry.StartAsync(WebTest.Ct))
        {
            closed = upstream.Url; // stopped below: nothing listens there any more
        }
        await using var app = await ProxyApp.StartAsync(closed);

        var (status, problem) = await app.GetAsync("/minimist");

        Assert.Equal(502, status);
        Assert.StartsWith("Could not reach the upstream npm registry for 'minimist'", (string?)problem!["detail"]);
    }

    [Fact]
    public async Task Packument_UpstreamSilentPastTheTimeout_Returns504Problem()
    {
        await using var upstream = await UpstreamRegistry.StartAsync(WebTest.Ct);
        var time = new FakeTimeProvider();
        await using var app = await ProxyApp.StartAsync(upstream.Url, time);

        var pending = app.GetAsync("/hang-forever");
        await upstream.Hung.Task.WaitAsync(TimeSpan.FromSeconds(30), WebTest.Ct);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var (status, problem) = await pending.WaitAsync(TimeSpan.FromSeconds(30), WebTest.Ct);

        Assert.Equal(504, status);
        Assert.Contains("within 30 s", (string?)problem!["detail"]);
    }

    [Theory]
    [InlineData("/.hidden")]
    [InlineData("/a%20b")]
    [InlineData("/@scope%2f")]
    public async Task Packument_NotAPackageName_Returns400Problem(string path)
    {
        await using var upstream = await UpstreamRegistry.StartAsync(WebTest.Ct);
        await using var app = await ProxyApp.StartAsync(upstream.Url);

        var (status, problem) = await app.GetAsync(path);

        Assert.Equal(400, status);
        Assert.Contains("is not a valid npm package name", (string?)problem!["detail"]);
        Assert.Empty(upstream.Requests);
    }

    /// <summary>The real app on an empty database with Vigil:Npm:Upstream pointing at the loopback registry.</summary>
    private sealed class ProxyApp : IAsyncDisposable
    {
        private readonly TestDatabase _database;
        private readonly VigilFactory _factory;
        private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _configured;

        private ProxyApp(TestDatabase database, VigilFactory factory,
            Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> configured)
        {
            _database = database;
            _factory = factory;
            _configured = configured;
            Client = configured.CreateClient();
        }

        public HttpClient Client { get; }

        public static async Task<ProxyApp> StartAsync(string upstream, TimeProvider? time = null)
        {
            var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
            var factory = new VigilFactory(database.Target);
            var configured = factory.WithWebHostBuilder(builder =>
            {
                builder.UseSetting("Vigil:Npm:Upstream", upstream + "/");
                if (time is not null)
                {
                    builder.ConfigureTestServices(services => services.AddSingleton(time));
                }
            });
            return new ProxyApp(database, factory, configured);
        }

        public async Task<(int Status, JsonNode? Body)> GetAsync(string path)
        {
            using var response = await Client.GetAsync(path, WebTest.Ct);
            return ((int)response.StatusCode, await WebTest.ReadAsync(response));
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _configured.DisposeAsync();
            await _factory.DisposeAsync();
            await _database.DisposeAsync();
        }
    }
}
