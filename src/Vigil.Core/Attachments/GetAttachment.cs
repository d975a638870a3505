using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Attachments;

/// <summary>One attachment's content for a participant; 404 for anyone who may not see the report or the (internal)
/// file.</summary>
public sealed class GetAttachment(VigilDbContext db, ReportVault vault)
{
    public async Task<AttachmentFile> ExecuteAsync(
        long reportId, long attachmentId, Actor actor, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, reportId, actor, cancellationToken);
        var attachment = await db.ReportAttachments.AsNoTracking()
            .SingleOrDefaultAsync(
                a => a.Id == attachmentId && a.ReportId == reportId
                    && (access.IsTeam || a.Visibility == EventVisibility.Participants),
                cancellationToken)
            ?? throw ReportAccess.NotFound(reportId);
        var dataKey = vault.Unwrap(report.WrappedKey);
        return new AttachmentFile(
            ReportVault.Open(dataKey, attachment.SealedName, ReportAttachments.NamePurpose), attachment.MediaType,
            ReportVault.OpenBytes(dataKey, attachment.SealedContent, ReportAttachments.ContentPurpose));
    }

    /// <summary>The attachments a participant sees, for the report's view.</summary>
    internal static async Task<IReadOnlyList<AttachmentView>> ListAsync(
        VigilDbContext db, long reportId, byte[] dataKey, bool team, CancellationToken cancellationToken)
    {
        var rows = await db.ReportAttachments.AsNoTracking()
            .Where(a => a.ReportId == reportId && (team || a.Visibility == EventVisibility.Participants))
            .OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.SealedName, a.MediaType, a.Size, a.UploadedAt, a.Visibility })
            .ToListAsync(cancellationToken);
        return rows.Select(
            a => new AttachmentView(
                a.Id, ReportVault.Open(dataKey, a.SealedName, ReportAttachments.NamePurpose), a.MediaType, a.Size,
                a.UploadedAt,
            a.Visibility == EventVisibility.Team)).ToList();
    }
}
