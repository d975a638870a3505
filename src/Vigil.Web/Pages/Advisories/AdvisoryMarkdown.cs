using Ganss.Xss;
using Markdig;

namespace Vigil.Web.Pages.Advisories;

/// <summary>
/// Advisory details (Markdown written by reporters, i.e. untrusted) as safe HTML: Markdig with raw HTML
/// disabled (it is shown as text), then HtmlSanitizer as a second wall. Links may only be http, https or
/// mailto and get <c>rel="nofollow noopener"</c>; images are dropped, because the pages' CSP
/// (<c>default-src 'self'</c>) would block remote ones anyway; no style or class attributes.
/// </summary>
public sealed class AdvisoryMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public AdvisoryMarkdown()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" })
        {
            _sanitizer.AllowedSchemes.Add(scheme);
        }
        _sanitizer.AllowedTags.Remove("img");
        _sanitizer.AllowedAttributes.Remove("style");
        _sanitizer.AllowedAttributes.Remove("class");
        _sanitizer.AllowedAttributes.Remove("id");
        _sanitizer.AllowedAttributes.Add("rel");
        _sanitizer.AllowDataAttributes = false;
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "nofollow noopener");
            }
        };
    }

    public string ToHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : _sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
}
