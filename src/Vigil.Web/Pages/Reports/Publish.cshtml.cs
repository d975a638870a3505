using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Reports;
using Vigil.Web.Pages.Shared;

namespace Vigil.Web.Pages.Reports;

/// <summary>
/// The step between "Publish now" and publication (docs/disclosure.md, "Publishing"): the team sees the advisory
/// exactly as it would enter the public database (id, packages with their affected and patched ranges, CVE) and what
/// speaks against publishing now (the agreed disclosure date is ahead, a package has no fix, no CVE id is
/// recorded). Only the confirmation's
/// POST publishes, and only the revision that was shown: a report changed meanwhile is shown again. When something
/// speaks against publishing, the team ticks that it publishes anyway.
/// </summary>
public sealed class PublishModel(PreviewPublication preview) : UseCasePageModel
{
    public long Id { get; private set; }
    public PublicationPreview? Preview { get; private set; }
    public bool HasWarnings => Preview is { HasWarnings: true };

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Id = id;
        await FormAsync("publish", async () =>
        {
            await LoadAsync(cancellationToken);
            return Page();
        });
        return Page();
    }

    public Task<IActionResult> OnPostAsync(
        long id, int? revision, bool publishAnyway, [FromServices] PublishReport publish, CancellationToken ct)
    {
        Id = id;
        return FormAsync("publish", async () =>
        {
            var actor = ReportPageActor.From(HttpContext, id);
            var shown = await preview.ExecuteAsync(id, actor, ct);
            if (revision is null)
            {
                return Redirect($"/reports/{id}/publish");
            }
            if (shown.HasWarnings && !publishAnyway && shown.Revision == revision)
            {
                throw new Core.Errors.ValidationFailedException("Tick that the advisory is published anyway.",
                    new Dictionary<string, string[]>
                    {
                        ["publishAnyway"] = ["tick it to publish in spite of the points above."],
                    });
            }
            var published = await publish.ExecuteAsync(id, actor, ct, confirmedRevision: revision);
            Flash.Set(TempData, $"Published as {published.Id}. Every API, feed and export carries it now.");
            return Redirect($"/reports/{id}");
        }, () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var actor = ReportPageActor.From(HttpContext, Id);
        Preview = await FindAsync(() => preview.ExecuteAsync(Id, actor, cancellationToken));
    }
}
