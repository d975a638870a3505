using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Programs;

namespace Vigil.Core.Reports;

public sealed record QueueItem(
    long Id, string Title, string State, IReadOnlyList<string> Packages, double? CvssScore, Countdown? Countdown,
    bool Recused, Guid? AssignedTriagerId, bool HeldForReview = false,
    long? DuplicateGroupId = null);

/// <summary>
/// A program's open reports for its team, the most urgent first: by the next deadline (triage due for new
/// ones, disclosure or publication for embargoed ones; reports waiting on the reporter last). Not a team
/// member of the program: 404, as if the program had no queue. Reports held for review (docs/community.md) come
/// after the rest.
/// </summary>
public sealed class ListTriageQueue(VigilDbContext db, ReportVault vault, TimeProvider time)
{
    public async Task<IReadOnlyList<QueueItem>> ExecuteAsync(
        string programSlug, Actor actor, CancellationToken cancellationToken = default)
    {
        var program = await db.Programs.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Slug == programSlug, cancellationToken);
        if (program is null || !await ReportAccess.IsTeamAsync(db, program.Id, actor, cancellationToken))
        {
            throw new NotFoundException($"No program '{programSlug}'.");
        }
        var reports = await db.Reports.AsNoTracking().Include(r => r.Packages)
            .Where(r => r.ProgramId == program.Id && ReportStates.Open.Contains(r.State))
            .ToListAsync(cancellationToken);
        var maintained = actor.UserId is { } user
            ? await MaintainerRecusal.RecordsOf(db, program.Id, user)
                .AsNoTracking()
                .Select(m => m.Ecosystem + "/" + m.Name)
                .ToListAsync(cancellationToken)
            : [];
        var now = time.GetUtcNow();
        return reports
            .Select(r => new QueueItem(
                r.Id,
                ReportContent.Open(vault.Unwrap(r.WrappedKey), r.SealedContent).Title,
                r.State.Name(),
                r.Packages.Select(p => $"{p.Ecosystem}/{p.Name}").ToList(),
                r.CvssScore,
                GetReport.Countdown(r, program, now),
                r.ReporterUserId == actor.UserId || r.FiledByUserId == actor.UserId
                    || r.Packages.Any(p => maintained.Contains($"{p.Ecosystem}/{p.Name}")),
                r.AssignedTriagerId,
                r.HeldForReview,
                r.DuplicateGroupId))
            .OrderBy(i => i.HeldForReview ? 1 : 0)
            .ThenBy(i => i.Countdown is null ? 1 : 0)
            .ThenBy(i => i.Countdown?.DueAt ?? DateTimeOffset.MaxValue)
            .ThenBy(i => i.Id)
            .ToList();
    }
}
