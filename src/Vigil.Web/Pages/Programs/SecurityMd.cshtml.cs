using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Vigil.Core.Community;
using Vigil.Core.Mail;
using Vigil.Web.Community;
using Vigil.Web.Pages.Advisories;

namespace Vigil.Web.Pages.Programs;

/// <summary>
/// A program's SECURITY.md: preview, text with a copy button, download (docs/community.md). Public, like the
/// policy it states.
/// </summary>
public sealed class SecurityMdModel(
    GetSecurityPolicy policy, AdvisoryMarkdown renderer, IOptions<ServerOptions> server,
    IOptions<CommunityOptions> community, MailKey key) : PageModel
{
    public SecurityMdView View { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var markdown = await policy.ExecuteAsync(slug, null, null,
            CommunityEndpoints.Contacts(Request, server.Value, community.Value, key), cancellationToken);
        View = SecurityMdView.Of($"SECURITY.md for the program {slug}", markdown, renderer,
            $"/programs/{Uri.EscapeDataString(slug)}/SECURITY.md");
    }
}
