using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Programs;

namespace Vigil.Core.Reports;

public sealed record QueueItem(
    long Id, string Title, string State, IReadOnlyList<string> Packages, double? CvssScore, Countdown? Countdown,
    bool Recused, Guid? AssignedTriagerId, bool HeldForReview = false,
    long? DuplicateGroupId = null, QueueDuplicates? Duplicates = null);

/// <summary>
/// The group of possible duplicates a queued report belongs to (<see cref="DuplicateGroups"/>), as its first report
/// or a member: the group's id (its first report), every report of it, and the one that would stand if the rest were
/// merged into it (<see cref="MergeDuplicates"/>: the first valid one), or null when none is valid any more.
/// </summary>
public sealed record QueueDuplicates(long GroupId, IReadOnlyList<long> Members, long? StandingId);

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
        var groups = await GroupsAsync(program.Id, reports, cancellationToken);
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
                r.DuplicateGroupId,
                groups.GetValueOrDefault(r.DuplicateGroupId ?? r.Id)))
            .OrderBy(i => i.HeldForReview ? 1 : 0)
            .ThenBy(i => i.Countdown is null ? 1 : 0)
            .ThenBy(i => i.Countdown?.DueAt ?? DateTimeOffset.MaxValue)
            .ThenBy(i => i.Id)
            .ToList();
    }

    /// <summary>The groups of the queued reports with two members or more, by group id.</summary>
    private async Task<Dictionary<long, QueueDuplicates>> GroupsAsync(
        long programId, List<ReportEntity> reports, CancellationToken cancellationToken)
    {
        var ids = reports.Select(r => r.DuplicateGroupId ?? r.Id).Distinct().ToList();
        var members = await db.Reports.AsNoTracking()
            .Where(r => r.ProgramId == programId
                && (ids.Contains(r.Id) || r.DuplicateGroupId != null && ids.Contains(r.DuplicateGroupId.Value)))
            .Select(r => new { r.Id, Group = r.DuplicateGroupId ?? r.Id, r.State, r.SubmittedAt })
            .ToListAsync(cancellationToken);
        return members
            .GroupBy(m => m.Group)
            .Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => new QueueDuplicates(
                g.Key,
                [.. g.OrderBy(m => m.Id).Select(m => m.Id)],
                g.Where(m => m.State is not (ReportState.Rejected or ReportState.Withdrawn))
                    .OrderBy(m => m.SubmittedAt).ThenBy(m => m.Id)
                    .Select(m => (long?)m.Id)
                    .FirstOrDefault()));
    }
}
