using Microsoft.Playwright;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>The pages in headless Chromium against the app on a loopback port, under a strict CSP.</summary>
public class BrowserTests
{
    [Fact]
    public async Task Search_ThenAdvisory_ThenPackage_WorksWithoutJavaScriptErrors()
    {
        await using var app = await BrowserApp.StartAsync();
        var (page, errors) = await app.NewPageAsync();

        await page.GotoAsync(app.Root + "/");
        await page.FillAsync("#q", "minimist");
        await NavigateAsync(page, "submit the search", "/?q=minimist&", () => page.PressAsync("#q", "Enter"));
        Assert.EndsWith("/?q=minimist&ecosystem=&package=&severity=&cwe=&from=&to=&sort=relevance", page.Url);
        Assert.Equal("2 advisories", await page.TextContentAsync("#result-count"));

        await NavigateAsync(page, "open the advisory", "/advisories/GHSA-vh95-rmgr-6w4m",
            () => page.GetByRole(AriaRole.Link, new() { Name = "GHSA-vh95-rmgr-6w4m", Exact = true }).ClickAsync());
        Assert.EndsWith("/advisories/GHSA-vh95-rmgr-6w4m", page.Url);
        Assert.Equal("GHSA-vh95-rmgr-6w4m", await page.TextContentAsync("h1"));

        await NavigateAsync(page, "open the package", "/packages/npm/minimist",
            () => page.Locator(".affected h3 a").First.ClickAsync());
        Assert.EndsWith("/packages/npm/minimist", page.Url);
        await page.FillAsync("#version", "1.2.5");
        await NavigateAsync(page, "check a version", "/packages/npm/minimist?version=1.2.5",
            () => page.ClickAsync("form.check button"));
        Assert.EndsWith("/packages/npm/minimist?version=1.2.5", page.Url);
        Assert.Equal("minimist@1.2.5 is affected by 1 advisory: GHSA-xvch-5gv4-984h.",
            (await page.TextContentAsync("#answer"))!.Trim());

        // The stylesheet loaded from 'self' and applied (the header is dark), and nothing was blocked or thrown.
        Assert.Equal("rgb(29, 35, 48)",
            await page.EvalOnSelectorAsync<string>("header.site", "e => getComputedStyle(e).backgroundColor"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task AdvisoryPage_XssInMarkdown_IsInert()
    {
        await using var app = await BrowserApp.StartAsync();
        var (page, errors) = await app.NewPageAsync();

        await page.GotoAsync(app.Root + "/advisories/" + Advisories.Xss.Id);
        // Hover and click everything that could carry a handler.
        foreach (var element in await page.QuerySelectorAllAsync(".details *, .lead, .credits li"))
        {
            await element.HoverAsync();
        }

        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.pwned"));
        var hrefs = await page.EvalOnSelectorAllAsync<string[]>("a[href]", "links => links.map(a => a.href)");
        Assert.DoesNotContain(hrefs,
            href =>
                !href.StartsWith("http:", StringComparison.Ordinal)
                    && !href.StartsWith("https:", StringComparison.Ordinal)
            && !href.StartsWith("mailto:", StringComparison.Ordinal));
        Assert.Equal(0,
            await page.EvaluateAsync<int>(
                "() => document.querySelectorAll('main script, main iframe, main img, [onerror], [onclick], "
                    + "[style]').length"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Pages_Keyboard_SkipLinkLabelsAndFocus()
    {
        await using var app = await BrowserApp.StartAsync();
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync(app.Root + "/");

        // The first Tab reaches the skip link, which is visible when focused and moves focus to main.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.getBoundingClientRect().left >= 0"));
        // Keyboard focus is visible: the stylesheet's outline.
        Assert.Equal("solid",
            await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        // Every form control has a label; Tab reaches the search box and Enter submits without a mouse.
        Assert.Equal(0,
            await page.EvaluateAsync<int>(
                "() => [...document.querySelectorAll('input, select')].filter(e => e.labels.length === 0).length"));
        for (var i = 0; i < 5 && await page.EvaluateAsync<string>("() => document.activeElement.id") != "q"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Equal("q", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("CVE-2024-43800");
        await NavigateAsync(page, "submit with the keyboard", "/?q=CVE-2024-43800&",
            () => page.Keyboard.PressAsync("Enter"));
        Assert.Contains("/?q=CVE-2024-43800&", page.Url);
        Assert.Equal("1 advisory", await page.TextContentAsync("#result-count"));
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>Runs an action that navigates and waits until the page has loaded a URL containing
    /// <paramref name="expected"/>; a timeout names the step.</summary>
    private static async Task NavigateAsync(IPage page, string step, string expected, Func<Task> action)
    {
        try
        {
            var loaded = page.WaitForURLAsync(url => url.Contains(expected, StringComparison.Ordinal),
                new() { WaitUntil = WaitUntilState.Commit });
            await action();
            await loaded;
            await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"step '{step}': no page with {expected} loaded (now at {page.Url})", e);
        }
    }
}
