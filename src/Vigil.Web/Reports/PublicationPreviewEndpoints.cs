using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Reports;
using Vigil.Web.Accounts;
using Vigil.Web.Operations;

namespace Vigil.Web.Reports;

/// <summary>One point that speaks against publishing now: <c>before-disclosure</c>, <c>no-fix</c> (with the
/// package) or <c>no-cve</c>.</summary>
public sealed record PublicationWarningBody(string Code, string Detail, string? Package = null);

/// <summary>What <c>POST /api/reports/{id}/publish</c> would put into the public database (docs/api.md);
/// <see cref="Advisory"/> is the OSV record as the OSV API would serve it.</summary>
public sealed record PublicationPreviewBody(
    long ReportId,
    int Revision,
    string ExpectedId,
    JsonElement Advisory,
    string? CveId,
    DateTimeOffset? DisclosureAt,
    DateTimeOffset? PublicationDueAt,
    IReadOnlyList<PublicationWarningBody> Warnings);

/// <summary>
/// <c>GET /api/reports/{id}/publication</c>: the dry run of publishing, for the team (a read scope is enough; it
/// changes nothing). The report page's confirmation step shows the same preview; a client passes the
/// <c>revision</c> it reviewed to the publish call so that a report changed in between is not published.
/// </summary>
public static class PublicationPreviewEndpoints
{
    public static IEndpointRouteBuilder MapPublicationPreviewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("Reports").RequireTokenScope(TokenScope.Reports)
            .MapGet("/reports/{id:long}/publication", PreviewAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Ok<PublicationPreviewBody>> PreviewAsync(
        long id, HttpContext context, PreviewPublication preview, CancellationToken cancellationToken)
    {
        var shown = await preview.ExecuteAsync(id, ApiActor.From(context), cancellationToken);
        return TypedResults.Ok(new PublicationPreviewBody(
            shown.ReportId,
            shown.Revision,
            shown.ExpectedId,
            JsonSerializer.SerializeToElement(shown.Advisory, OsvJson.Options),
            shown.CveId,
            shown.DisclosureAt,
            shown.PublicationDueAt,
            Warnings(shown)));
    }

    private static List<PublicationWarningBody> Warnings(PublicationPreview preview)
    {
        var warnings = new List<PublicationWarningBody>();
        if (preview.BeforeDisclosure)
        {
            warnings.Add(new("before-disclosure",
                $"The disclosure date agreed with the maintainers is {preview.DisclosureAt:yyyy-MM-dd}: publishing now "
                + "breaks that agreement."));
        }
        foreach (var package in preview.WithoutFix)
        {
            warnings.Add(new("no-fix",
                $"{package} has no fixed version: the published range is open-ended.", package));
        }
        if (preview.WithoutCve)
        {
            warnings.Add(new("no-cve",
                "No CVE id is recorded; every vulnerability the program publishes gets one (it can be added later "
                + "with a correction)."));
        }
        return warnings;
    }
}
