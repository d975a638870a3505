using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Reports;

/// <summary>
/// The team reviewed a report that intake held (the reporter's signal was below the program's minimum) and
/// lets it into the queue like any other; a triage decision releases it too.
/// </summary>
public sealed class ReleaseFromReview(VigilDbContext db, TimeProvider time)
{
    public async Task ExecuteAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        TeamDecision.Require(access, id);
        if (!report.HeldForReview)
        {
            throw new ConflictException($"Report #{id} is not held for review.");
        }
        report.HeldForReview = false;
        report.Revision++;
        ReportTimeline.Add(
            db, report, actor, ReportEventKind.ReleasedFromReview, time.GetUtcNow(), EventVisibility.Participants);
        await db.SaveChangesAsync(cancellationToken);
    }
}
