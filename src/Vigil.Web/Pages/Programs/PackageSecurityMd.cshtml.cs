using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Vigil.Core.Community;
using Vigil.Core.Mail;
using Vigil.Core.Errors;
using Vigil.Web.Community;
using Vigil.Web.Pages.Advisories;

namespace Vigil.Web.Pages.Programs;

/// <summary>
/// One package's SECURITY.md, for its maintainer to preview and take:
/// <c>…/packages/{ecosystem}/{name}/security-md</c>
/// (page) and <c>…/SECURITY.md</c> (download). A catch-all because a scoped npm name has a slash in it.
/// </summary>
public sealed class PackageSecurityMdModel(
    GetSecurityPolicy policy, AdvisoryMarkdown renderer, IOptions<ServerOptions> server,
    IOptions<CommunityOptions> community, MailKey key) : PageModel
{
    private const string PageSuffix = "/security-md";
    private const string FileSuffix = "/SECURITY.md";

    public SecurityMdView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(
        string slug, string ecosystem, string path, CancellationToken cancellationToken)
    {
        path = PageLinks.RouteName(path);
        var download = path.EndsWith(FileSuffix, StringComparison.Ordinal);
        if (!download && !path.EndsWith(PageSuffix, StringComparison.Ordinal))
        {
            throw new NotFoundException(
                "A package's policy is at …/packages/{ecosystem}/{name}/security-md or …/SECURITY.md.");
        }
        var name = path[..^(download ? FileSuffix.Length : PageSuffix.Length)];
        var markdown = await policy.ExecuteAsync(slug, ecosystem, name,
            CommunityEndpoints.Contacts(Request, server.Value, community.Value, key), cancellationToken);
        if (download)
        {
            return File(System.Text.Encoding.UTF8.GetBytes(markdown), CommunityEndpoints.MarkdownType, "SECURITY.md");
        }
        var packagePath = PageLinks.Package(ecosystem, name)["/packages".Length..];
        View = SecurityMdView.Of($"SECURITY.md for {name} ({ecosystem})", markdown, renderer,
            $"/programs/{Uri.EscapeDataString(slug)}/packages{packagePath}{FileSuffix}");
        return Page();
    }
}
