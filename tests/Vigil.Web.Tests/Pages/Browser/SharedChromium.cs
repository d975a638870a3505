using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Vigil.Web.Tests.Pages.Browser.SharedChromium.Shutdown))]

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>
/// One headless Chromium (through Playwright) for every browser test of the run, launched by the first test that
/// asks. Tests stay apart as a user's visits do: each page has a browser context of its own (cookies, storage,
/// cache), which <see cref="BrowserApp"/> closes with the test. The browser is closed when the assembly's tests end.
/// </summary>
public static class SharedChromium
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static async Task<IBrowser> GetAsync()
    {
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }
            // A browser that crashed is replaced, so one lost process does not fail every later test.
            await CloseAsync();
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserApp.ChromiumPath,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task CloseAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
            _browser = null;
        }
        _playwright?.Dispose();
        _playwright = null;
    }

    /// <summary>Closes the shared browser, if a test launched it, after the last test of the assembly.</summary>
    public sealed class Shutdown : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Gate.WaitAsync();
            try
            {
                await CloseAsync();
            }
            finally
            {
                Gate.Release();
            }
        }
    }
}
