using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Reports;

/// <summary>
/// Two requests on one report at the same moment. Appends (comments, internal notes, attachments, timeline entries)
/// leave the report row alone, so they never meet another write: the timeline stays append-only and its order is the
/// order the entries were saved in. A change to the report itself (a state move, a date, credits, a CVE) bumps
/// <see cref="ReportEntity.Revision"/>, so of two racing changes one is saved and the other meets a stale revision:
/// that is a conflict naming the state the report is in now (the client reloads and decides again), never a server
/// error.
/// </summary>
internal static class ReportRaces
{
    /// <summary>The report whose revision had moved on, when that is why the save failed.</summary>
    public static long? ReportId(DbUpdateConcurrencyException e) =>
        e.Entries.Select(entry => entry.Entity).OfType<ReportEntity>().Select(r => (long?)r.Id).FirstOrDefault();

    public static async Task<ConflictException> ConflictAsync(
        VigilDbContext db, long id, DbUpdateConcurrencyException e, CancellationToken cancellationToken)
    {
        var state = await db.Reports.AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => (ReportState?)r.State)
            .SingleOrDefaultAsync(cancellationToken);
        return state is { } now
            ? new ConflictException(
                $"Report #{id} was changed by someone else while this request ran; it is now {now.Name()}. Reload it "
                + "and try again.",
                now.Name(), e)
            : new ConflictException(
                $"Report #{id} was changed by someone else while this request ran. Reload it and try again.",
                innerException: e);
    }
}
