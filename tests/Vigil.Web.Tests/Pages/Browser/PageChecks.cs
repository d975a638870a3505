using System.Text.Json;
using Microsoft.Playwright;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>
/// What a person sees, checked on any page of a journey: at 1280 and 390 px wide nothing is wider than
/// the window (no sideways scrolling), and axe-core (the pinned oracle package) finds no serious or
/// critical accessibility violation (WCAG 2.2 AA rules). The viewport is put back to 1280 px afterwards.
/// </summary>
public static class PageChecks
{
    private static readonly Lazy<string?> AxeSource = new(() =>
        NodeOracles.File("Vigil.Web.Tests", "node_modules", "axe-core", "axe.min.js") is { } file
            ? File.ReadAllText(file)
            : null);

    /// <param name="axeAtEveryWidth">Run axe-core at 390 px too (a page whose layout changes on narrow screens), not
    /// only at 1280 px.</param>
    public static async Task AssertLooksRightAsync(IPage page, string name, bool axeAtEveryWidth = false)
    {
        var problems = new List<string>();
        foreach (var width in new[] { 390, 1280 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await SaveScreenshotAsync(page, name, width);
            if (axeAtEveryWidth && width != 1280)
            {
                problems.AddRange(await AxeAsync(page, $"{name} at {width} px"));
            }
            var overflow = await page.EvaluateAsync<int>(
                "() => document.documentElement.scrollWidth - window.innerWidth");
            if (overflow > 0)
            {
                var widest = await page.EvaluateAsync<string>("""
                    () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                        .filter(e => { // an element a scrolling box clips does not widen the page, unless it is positioned outside it
                            if (['absolute', 'fixed'].includes(getComputedStyle(e).position)) return true;
                            for (let p = e.parentElement; p; p = p.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return false;
                            return true; })
                        .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '')).join(', ')
                    """);
                problems.Add($"{name} at {width} px is {overflow} px wider than the window ({widest})");
            }
        }
        problems.AddRange(await AxeAsync(page, name));
        // Dates are written for people ("Wednesday 9 December 2026, 14:00 UTC", "9 Dec 2026"), never as a machine
        // stamp outside code and the <time> element's datetime attribute, nor as a bare machine day in a <time>.
        var stamps = await page.EvaluateAsync<string[]>("""
            () => { const body = document.body.cloneNode(true);
                body.querySelectorAll('pre, code, script, style, textarea, input').forEach(e => e.remove());
                const stamps = [...body.textContent.matchAll(/\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?(\.\d+)?Z?\b/g)]
                    .map(m => m[0]);
                const days = [...body.querySelectorAll('time')].map(t => t.textContent.trim())
                    .filter(text => /^\d{4}-\d{2}-\d{2}$/.test(text));
                return [...stamps, ...days].slice(0, 3); }
            """);
        if (stamps.Length > 0)
        {
            problems.Add($"{name} shows machine timestamps instead of dates in words: {string.Join(", ", stamps)}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Waits until <paramref name="page"/> has navigated to a URL matching <paramref name="url"/> (a glob) and the new
    /// document has loaded, by polling <c>document.readyState</c> rather than waiting for the load event: under load,
    /// Playwright was seen to miss a document's load event (90 s timeouts with the network idle and the page there).
    /// </summary>
    public static async Task ArrivedAsync(IPage page, string url)
    {
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
    }

    /// <summary>
    /// With <c>VIGIL_SCREENSHOTS</c> set to a directory, every checked page is also saved there as
    /// <c>NAME-WIDTH.png</c> (the whole page): scripts/screenshots.sh makes the pictures in docs/ this way.
    /// </summary>
    private static async Task SaveScreenshotAsync(IPage page, string name, int width)
    {
        if (Environment.GetEnvironmentVariable("VIGIL_SCREENSHOTS") is not { Length: > 0 } directory)
        {
            return;
        }
        Directory.CreateDirectory(directory);
        var file = string.Join("-", name.Split(' ', '\'', '’').Where(w => w.Length > 0)).ToLowerInvariant()
            .Replace("the-", "", StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(directory, $"{file}-{width}.png"),
            FullPage = true,
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
        });
    }

    private static async Task<IReadOnlyList<string>> AxeAsync(IPage page, string name)
    {
        if (AxeSource.Value is not { } axe)
        {
            var message = $"axe-core is not installed: {NodeOracles.InstallHint("Vigil.Web.Tests")}.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(message);
            }
            Assert.Skip(message);
            return [];
        }
        // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
        await page.EvaluateAsync(axe);
        var json = await page.EvaluateAsync<string>("""
            async () => JSON.stringify((await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }))
                .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`))
            """);
        return JsonSerializer.Deserialize<string[]>(json)!.Select(v => $"{name}: {v}").ToList();
    }
}
