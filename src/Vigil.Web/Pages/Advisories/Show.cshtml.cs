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
public sealed class ShowModel(
    GetAdvisory getAdvisory, ListAdvisoryRevisions listRevisions, AdvisoryMarkdown markdown,
    Core.Vex.ListVexDocuments listVex) : PageModel
{
    public string RequestedId { get; private set; } = "";
    public StoredAdvisory? Advisory { get; private set; }
    public OsvVulnerability? Osv => Advisory?.Vulnerability;
    public HtmlString Details { get; private set; } = HtmlString.Empty;

    /// <summary>The corrections since publication, newest first (docs/publication.md, "Corrections").</summary>
    public IReadOnlyList<AdvisoryRevision> Revisions { get; private set; } = [];

    /// <summary>The OpenVEX documents the team published for the advisory's report (docs/disclosure.md,
    /// "Disputes").</summary>
    public IReadOnlyList<Core.Vex.VexSummary> Vex { get; private set; } = [];

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
        Vex = await listVex.ExecuteAsync(advisoryId: id, cancellationToken: cancellationToken);
        return Page();
    }

    /// <summary>The CVSS vectors of the advisory and of its packages, each once.</summary>
    public IEnumerable<OsvSeverity> Vectors() =>
        (Osv!.Severity ?? []).Concat((Osv.Affected ?? []).SelectMany(a => a.Severity ?? []))
            .DistinctBy(s => (s.Type, s.Score));

    /// <summary>
    /// The weaknesses the advisory names (<c>database_specific.cwe_ids</c>), with their names where known.
    /// </summary>
    public IReadOnlyList<(string Id, string? Name, string? Url)> Weaknesses() =>
        Osv!.DatabaseSpecific?["cwe_ids"] is System.Text.Json.Nodes.JsonArray ids
            ? ids.Select(i => i is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var id) ? id : null)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Select(id => (id, CweNames.NameOf(id), CweNames.DefinitionUrl(id)))
                .ToList()
            : [];

    /// <summary>
    /// Where an alias is defined: a CVE id on the CVE program's site, a GHSA id on GitHub's database; else null.
    /// </summary>
    public static string? AliasUrl(string alias) =>
        Vigil.Core.Cve.CveRecordRequest.IsCveId(alias) ? $"https://www.cve.org/CVERecord?id={alias}"
        : alias.StartsWith("GHSA-", StringComparison.Ordinal)
            && alias.Length == 19
            && alias.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? $"https://github.com/advisories/{alias}"
        : null;

    /// <summary>
    /// What fixes a package: its <c>fixed</c> events; else the patched range the source recorded
    /// (<c>database_specific.patched_versions</c>, as the Node.js WG writes it, "&lt;0.0.0" meaning none); else null.
    /// </summary>
    public static (IReadOnlyList<string> Versions, string? PatchedRange) Fixes(OsvAffected affected)
    {
        var versions = (affected.Ranges ?? []).SelectMany(r => r.Events).Select(e => e.Fixed).OfType<string>().ToList();
        var patched = affected.DatabaseSpecific?["patched_versions"] is System.Text.Json.Nodes.JsonValue value
            && value.TryGetValue<string>(out var text)
            && text.Trim() is { Length: > 0 } range
            && range != "<0.0.0"
                ? range
                : null;
        return (versions, versions.Count > 0 ? null : patched);
    }

    /// <summary>Only http(s) and mailto references become links; anything else is shown as text.</summary>
    public static bool IsSafeLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
}
