using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Pages.Browser;

/// <summary>
/// The advisory page as pixels. Three checks, from robust to strict: the screenshot has the viewport's
/// exact size; it is not blank (many colours, a dark header, mostly light body); and it matches the
/// committed golden PNG within a tolerance — at most 2% of pixels differ by more than 16 of 255 in any
/// channel, which absorbs anti-aliasing and sub-pixel font differences of the same Chromium on the same
/// Debian image but fails on a lost stylesheet, a moved block or different content. The comparison is done
/// by Chromium itself (both PNGs drawn on a canvas), so no image library is needed.
/// Set VIGIL_UPDATE_GOLDEN=1 to rewrite the golden file after an intended change, and review the PNG.
/// </summary>
public class ScreenshotTests
{
    private const int Width = 1280;
    private const int Height = 900;

    [Fact]
    public async Task AdvisoryPage_Screenshot_MatchesGolden()
    {
        await using var app = await BrowserApp.StartAsync();
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync(app.Root + "/advisories/GHSA-cm22-4g7w-348p");

        var png = await page.ScreenshotAsync(
            new PageScreenshotOptions
            {
                Type = ScreenshotType.Png,
                Animations = ScreenshotAnimations.Disabled,
                Caret = ScreenshotCaret.Hide
            });

        Assert.Equal((Width, Height), PngSize(png));
        // Pixels are read on a blank page: the site's CSP rightly refuses data: images.
        var scratch = await page.Context.NewPageAsync();
        var stats = await scratch.EvaluateAsync<double[]>(Script.Stats, Convert.ToBase64String(png));
        Assert.True(stats[0] > 50, $"only {stats[0]} distinct colours: the page looks blank");
        Assert.True(stats[1] < 80, $"the header band is not dark (mean luminance {stats[1]})");
        Assert.True(stats[2] > 200, $"the body is not light (mean luminance {stats[2]})");

        var golden = GoldenPath();
        if (Environment.GetEnvironmentVariable("VIGIL_UPDATE_GOLDEN") == "1" || !File.Exists(golden))
        {
            Assert.False(
                string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                $"the golden screenshot {golden} is missing");
            await File.WriteAllBytesAsync(golden, png, WebTest.Ct);
        }
        var differing = await scratch.EvaluateAsync<double>(Script.Diff,
            new[] { Convert.ToBase64String(png),
                Convert.ToBase64String(await File.ReadAllBytesAsync(golden, WebTest.Ct)) });
        Assert.True(differing <= 0.02, $"{differing:P2} of the pixels differ from {golden}");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>Width and height from the PNG's IHDR chunk (PNG spec § 11.2.2: bytes 16–23, big-endian).</summary>
    private static (int, int) PngSize(byte[] png) =>
        ((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16, 4)),
            (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20, 4)));

    private static string GoldenPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "golden", "advisory-GHSA-cm22-4g7w-348p.png");

    private static class Script
    {
        private const string Load = """
            const load = b64 => new Promise((ok, fail) => { const i = new Image(); i.onload = () => ok(i); i.onerror = fail; i.src = 'data:image/png;base64,' + b64; });
            const pixels = img => { const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
                const g = c.getContext('2d'); g.drawImage(img, 0, 0); return g.getImageData(0, 0, img.width, img.height); };
            const lum = (d, i) => 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
            """;

        // [distinct colours, mean luminance of the top 40 rows, mean luminance of the rest]
        public const string Stats = "async b64 => {" + Load + """
                const p = pixels(await load(b64)); const d = p.data; const colours = new Set(); let top = 0, topN = 0, rest = 0, restN = 0;
                for (let i = 0; i < d.length; i += 4) { colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
                    if (i / 4 / p.width < 40) { top += lum(d, i); topN++; } else { rest += lum(d, i); restN++; } }
                return [colours.size, top / topN, rest / restN]; }
            """;

        // Fraction of pixels where some channel differs by more than 16 (1 when the sizes differ).
        public const string Diff = "async ([a, b]) => {" + Load + """
                const x = pixels(await load(a)), y = pixels(await load(b));
                if (x.width !== y.width || x.height !== y.height) return 1;
                let n = 0; for (let i = 0; i < x.data.length; i += 4)
                    if (Math.abs(x.data[i] - y.data[i]) > 16 || Math.abs(x.data[i + 1] - y.data[i + 1]) > 16 || Math.abs(x.data[i + 2] - y.data[i + 2]) > 16) n++;
                return n / (x.width * x.height); }
            """;
    }
}
