using Microsoft.AspNetCore.Html;
using Vigil.Web.Pages.Advisories;

namespace Vigil.Web.Pages.Programs;

/// <summary>
/// What the SECURITY.md pages show: the preview (through the advisory Markdown sanitizer), the text, the download
/// link.
/// </summary>
public sealed record SecurityMdView(string Title, string Markdown, IHtmlContent Preview, string DownloadUrl)
{
    public static SecurityMdView Of(string title, string markdown, AdvisoryMarkdown renderer, string downloadUrl) =>
        new(title, markdown, new HtmlString(renderer.ToHtml(markdown)), downloadUrl);
}
