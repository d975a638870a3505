using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>
/// The real app on a real loopback port (Kestrel, not the in-memory test server), seeded like
/// <see cref="WebTest"/> plus <see cref="Advisories.Xss"/>, and headless Chromium driven by Playwright (the run's
/// <see cref="SharedChromium"/>; this app's pages live in browser contexts of their own, closed with it).
/// Documents are served with the strict CSP the site must live under (<c>default-src 'self'</c>, no
/// 'unsafe-inline'), so any inline script or style shows up as a console error.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Csp = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private readonly TestDatabase _database;
    private readonly WebApplication _app;
    private readonly List<IBrowserContext> _contexts = [];

    private BrowserApp(TestDatabase database, WebApplication app, IBrowser browser, string root)
    {
        _database = database;
        _app = app;
        Browser = browser;
        Root = root;
    }

    public IBrowser Browser { get; }

    /// <summary>The app's services, to set up what an administrator would do from the shell.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>e.g. http://127.0.0.1:41234</summary>
    public string Root { get; }

    public static async Task<BrowserApp> StartAsync()
    {
        RequireChromium();
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await Infrastructure.Advisories.SeedAsync(database.Target,
            [.. Infrastructure.Advisories.Examples(), Advisories.Xss.Advisory()]);
        var app =
            VigilWebApp.Build(
                ["--urls", "http://127.0.0.1:0", $"--Vigil:Reports:MasterKey={Infrastructure.VigilFactory.MasterKey}"],
            database.Target,
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        app.Use(async (context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = Csp;
            await next(context);
        });
        await app.StartAsync(WebTest.Ct);
        var root = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();

        var browser = await SharedChromium.GetAsync();
        return new BrowserApp(database, app, browser, root);
    }

    /// <summary>
    /// A fresh page (1280×900, scale 1, reduced motion) that records console errors and uncaught exceptions.
    /// </summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            DeviceScaleFactor = 1,
            ReducedMotion = ReducedMotion.Reduce,
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        lock (_contexts)
        {
            _contexts.Add(context);
        }
        var page = await context.NewPageAsync();
        // Generous: CI machines with two cores build and test at the same time.
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                errors.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add("page error: " + error);
        page.Dialog += async (_, dialog) =>
        {
            errors.Add($"dialog {dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        return (page, errors);
    }

    /// <summary>
    /// Skips when Chromium is not installed, except under CI, where its absence is a failure (.ci/run installs it).
    /// </summary>
    private static void RequireChromium()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }
        var message =
            $"Browser tests need Chromium at {ChromiumPath} (apt-get install -y chromium; .ci/run installs it).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(message);
        }
        Assert.Skip(message);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}
