using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Publication;

namespace Vigil.Web.Pages.Advisories;

/// <summary>One advisory. An alias (e.g. a CVE id) redirects to the canonical id's page; an unknown id is a 404 page.
/// Anonymous views are output-cached per data version (<see cref="AdvisoryPageCache"/>).</summary>
[OutputCache(PolicyName = AdvisoryPageCache.PolicyName)]
public sealed class ShowModel(GetAdvisory getAdvisory, ListAdvisoryRevisions listRevisions, AdvisoryMarkdown markdown) : PageModel
{
    public string RequestedId { get; private set; } = "";
    public StoredAdvisory? Advisory { get; private set; }
    public OsvVulnerability? Osv => Advisory?.Vulnerability;
    public HtmlString Details { get; private set; } = HtmlString.Empty;

    /// <summary>The corrections since publication, newest first (docs/publication.md, "Corrections").</summary>
    public IReadOnlyList<AdvisoryRevision> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        RequestedId = id;
        Advisory = id.Length > 200 ? null : await getAdvisory.ExecuteAsync(id, cancellationToken);
        if (Advisory is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (Advisory.Vulnerability.Id != id)
        {
            return Redirect(PageLinks.Advisory(Advisory.Vulnerability.Id));
        }
        Details = new HtmlString(markdown.ToHtml(Advisory.Vulnerability.Details));
        Revisions = await listRevisions.ExecuteAsync(id, cancellationToken) ?? [];
        return Page();
    }

    /// <summary>The CVSS vectors of the advisory and of its packages, each once.</summary>
    public IEnumerable<OsvSeverity> Vectors() =>
        (Osv!.Severity ?? []).Concat((Osv.Affected ?? []).SelectMany(a => a.Severity ?? []))
            .DistinctBy(s => (s.Type, s.Score));

    /// <summary>Only http(s) and mailto references become links; anything else is shown as text.</summary>
    public static bool IsSafeLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
}
