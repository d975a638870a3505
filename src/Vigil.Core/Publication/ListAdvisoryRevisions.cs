using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Publication;

/// <summary>One public revision of an advisory: when, what changed and why (revision 1, the first publication, has no
/// entry).</summary>
public sealed record AdvisoryRevision(int Revision, DateTimeOffset At, string Changes, string Reason);

/// <summary>An advisory's corrections, newest first; public, like the advisory (docs/publication.md,
/// "Corrections").</summary>
public sealed class ListAdvisoryRevisions(VigilDbContext db)
{
    /// <summary>The revisions, or null when there is no such advisory.</summary>
    public async Task<IReadOnlyList<AdvisoryRevision>?> ExecuteAsync(
        string advisoryId, CancellationToken cancellationToken = default) =>
        !await db.Advisories.AnyAsync(a => a.Id == advisoryId, cancellationToken)
            ? null
            : await (from revision in db.AdvisoryRevisions.AsNoTracking()
                     join advisory in db.Advisories.AsNoTracking()
                         on revision.AdvisoryNumber equals advisory.Number
                     where advisory.Id == advisoryId
                     orderby revision.Revision descending
                     select new AdvisoryRevision(revision.Revision, revision.At, revision.Changes, revision.Reason))
            .ToListAsync(cancellationToken);

    /// <summary>The newest revision of each advisory named that has been corrected (the feeds say what
    /// changed).</summary>
    public async Task<IReadOnlyDictionary<string, AdvisoryRevision>> LatestAsync(
        IReadOnlyCollection<string> advisoryIds, CancellationToken cancellationToken = default)
    {
        var rows = await (from revision in db.AdvisoryRevisions.AsNoTracking()
                          join advisory in db.Advisories.AsNoTracking()
                              on revision.AdvisoryNumber equals advisory.Number
                          where advisoryIds.Contains(advisory.Id)
                          select new
                          {
                              advisory.Id,
                              Revision = new AdvisoryRevision(
                                  revision.Revision, revision.At, revision.Changes, revision.Reason),
                          })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Revision.Revision)!.Revision);
    }
}
