using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Attachments;
using Vigil.Web.Attachments;

namespace Vigil.Web.Pages.Reports;

/// <summary>
/// Downloads one attachment of a report for a participant (the follow-up cookie reaches this path); 404 page for
/// anyone else.
/// </summary>
public sealed class AttachmentModel(GetAttachment get) : UseCasePageModel
{
    public async Task<IActionResult> OnGetAsync(long id, long attachmentId, CancellationToken cancellationToken)
    {
        var file = await FindAsync(() =>
            get.ExecuteAsync(id, attachmentId, ReportPageActor.From(HttpContext, id), cancellationToken));
        return file is null ? Page() : File(file.Content, AttachmentsEndpoints.DownloadHeaders(HttpContext, file));
    }
}
