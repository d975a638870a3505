using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Publication;

namespace Vigil.Core.Reports;

/// <summary>
/// Publication (docs/publication.md): the report becomes an advisory in the public database under the
/// program's prefix, and the report moves to published, in one transaction. The team publishes, and so
/// does the clock (actor <see cref="Actor.System"/>) at the agreed date or the deadline.
/// </summary>
public sealed class PublishReport(
    VigilDbContext db, ReportVault vault, TimeProvider time, IReportNotifier notifier, PublishAdvisory publishAdvisory)
{
    /// <param name="confirmedRevision">
    /// The report's revision the team reviewed (<see cref="PreviewPublication"/>): when given, the report is published
    /// only if it has not changed since, so what is published is exactly what the team confirmed.
    /// </param>
    public async Task<PublishedAdvisory> ExecuteAsync(
        long id, Actor actor, CancellationToken cancellationToken = default, int? confirmedRevision = null)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        TeamDecision.Require(access, id);
        if (confirmedRevision is { } reviewed && reviewed != report.Revision)
        {
            throw new ConflictException(
                $"Report #{id} changed after you reviewed what would be published; review the advisory again before "
                + "publishing.",
                report.State.Name());
        }
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == report.ProgramId, cancellationToken);
        var content = ReportContent.Open(vault.Unwrap(report.WrappedKey), report.SealedContent);
        var now = time.GetUtcNow();

        // Joins the caller's transaction (the clock claims its action in one) or opens its own.
        await using var owned = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        ReportTimeline.Move(db, report, actor, ReportState.Published, now);
        var published = await publishAdvisory.ExecuteAsync(
            ReportDrafts.From(report, content, report.CveId is { } cve ? [cve] : null), program.AdvisoryIdPrefix,
            DraftOrigin.Report, cancellationToken);
        report.AdvisoryId = published.Id;
        if (report.CveId is not null)
        {
            report.CveState = Cve.CveState.Published;
        }
        report.PublishedAt = now;
        Profiles.CreditIndex.Add(db, report, content, published.Id, now);
        await notifier.QueueAsync(
            report, Notifications.NotificationEvent.Published, Audience.Team | Audience.Reporter | Audience.Maintainers,
            content, null, cancellationToken);
        // The reporters of its duplicates hear of the publication too: they reported the same vulnerability.
        foreach (var duplicate in await db.Reports.Where(r => r.DuplicateOfId == report.Id
            && r.ProgramId == report.ProgramId).ToListAsync(cancellationToken))
        {
            var theirs = ReportContent.Open(vault.Unwrap(duplicate.WrappedKey), duplicate.SealedContent);
            await notifier.QueueAsync(
                duplicate, Notifications.NotificationEvent.Published, Audience.Reporter, theirs, null,
                cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken);
        }
        return published;
    }
}
