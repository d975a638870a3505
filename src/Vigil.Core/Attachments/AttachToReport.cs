using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Attachments;

/// <summary>
/// A participant adds files to a report (screenshots, a proof-of-concept archive, logs). The files are
/// type-checked and size-limited (<see cref="AttachmentOptions"/>), sealed with the report's key, and
/// announced on the timeline; an internal attachment is for the team only. All or nothing: one refused
/// file refuses the upload.
/// </summary>
public sealed class AttachToReport(
    VigilDbContext db, ReportVault vault, TimeProvider time, IOptions<AttachmentOptions> options)
{
    public async Task<IReadOnlyList<long>> ExecuteAsync(
        long id, Actor actor, IReadOnlyList<AttachmentUpload> files, bool internalOnly = false,
        CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        if (files.Count == 0)
        {
            throw new ValidationFailedException("No file was sent.", new Dictionary<string, string[]>
            {
                ["attachments"] = ["send at least one file."],
            });
        }
        if (internalOnly && !access.IsTeam)
        {
            throw new ConflictException("Only the team adds internal attachments.");
        }
        await using var owned = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await CapLock.ReportAsync(db, id, cancellationToken);
        var held = await db.ReportAttachments.Where(a => a.ReportId == id)
            .GroupBy(a => a.ReportId).Select(g => new { Count = g.Count(), Bytes = g.Sum(a => a.Size) })
            .SingleOrDefaultAsync(cancellationToken);
        var checkedFiles = ReportAttachments.Check(files, options.Value, held?.Count ?? 0, held?.Bytes ?? 0);
        var added = ReportAttachments.Add(db, report, vault.Unwrap(report.WrappedKey), actor, time.GetUtcNow(),
            internalOnly ? EventVisibility.Team : EventVisibility.Participants, checkedFiles);
        // An append: the report's revision is left alone, so uploads never fail for another write (ReportRaces);
        // uploads at the same moment count the report's files one after the other (CapLock), so its limits hold.
        await db.SaveChangesAsync(cancellationToken);
        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken);
        }
        return added.Select(a => a.Id).ToList();
    }
}
