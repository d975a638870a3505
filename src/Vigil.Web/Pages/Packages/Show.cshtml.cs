using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Packages;

namespace Vigil.Web.Pages.Packages;

/// <summary>
/// Every advisory of one package, and with <c>?version=</c> whether that version is affected (the
/// audit's own range evaluation), and the VEX documents published for it. A version that does not parse is a 400
/// page saying so; a package no advisory or VEX document names is a 404 page.
/// </summary>
public sealed class ShowModel(GetPackageAdvisories getPackageAdvisories, Core.Vex.ListVexDocuments listVex)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Version { get; set; }

    public PackageAdvisories Package { get; private set; } = null!;

    /// <summary>The OpenVEX documents published for the package (docs/disclosure.md, "Disputes").</summary>
    public IReadOnlyList<Core.Vex.VexSummary> Vex { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string ecosystem, string name, CancellationToken cancellationToken)
    {
        if (Version?.Length > 200)
        {
            Version = Version[..200];
        }
        Package = await getPackageAdvisories.ExecuteAsync(
            ecosystem, PageLinks.RouteName(name), Version, cancellationToken);
        Vex = await listVex.ExecuteAsync(Package.Ecosystem, Package.Name, cancellationToken: cancellationToken);
        if (Package.Advisories.Count == 0 && Vex.Count == 0)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else if (Package.VersionProblem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
