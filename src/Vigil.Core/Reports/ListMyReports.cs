using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Reports;

public sealed record MyReportItem(
    long Id,
    string ProgramName,
    string Title,
    string State,
    string Role,
    IReadOnlyList<string> Packages,
    Countdown? Countdown);

/// <summary>
/// The reports an account takes part in other than as the team: those it reported (or that were filed for
/// it) and those it was invited to as a maintainer. Most urgent first, then the newest.
/// </summary>
public sealed class ListMyReports(VigilDbContext db, ReportVault vault, TimeProvider time)
{
    public const int Limit = 200;

    public async Task<IReadOnlyList<MyReportItem>> ExecuteAsync(
        Actor actor, CancellationToken cancellationToken = default)
    {
        if (actor.Kind != ActorKind.User || actor.UserId is not { } user)
        {
            return [];
        }
        var invited = db.ReportParticipants.Where(p => p.UserId == user).Select(p => p.ReportId);
        var reports = await db.Reports.AsNoTracking().Include(r => r.Packages)
            .Where(r => r.ReporterUserId == user || r.FiledByUserId == user || invited.Contains(r.Id))
            .OrderByDescending(r => r.Id).Take(Limit)
            .ToListAsync(cancellationToken);
        var programIds = reports.Select(r => r.ProgramId).Distinct().ToList();
        var programs = await db.Programs.AsNoTracking()
            .Where(p => programIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var now = time.GetUtcNow();
        return reports
            .Select(r => new MyReportItem(
                r.Id, programs[r.ProgramId].Name, ReportContent.Open(vault.Unwrap(r.WrappedKey), r.SealedContent).Title,
                r.State.Name(),
                r.ReporterUserId == user || r.FiledByUserId == user ? "reporter" : "maintainer",
                r.Packages.Select(p => $"{p.Ecosystem}/{p.Name}").ToList(),
                GetReport.Countdown(r, programs[r.ProgramId], now)))
            .OrderBy(i => i.Countdown is null ? 1 : 0)
            .ThenBy(i => i.Countdown?.DueAt ?? DateTimeOffset.MaxValue)
            .ThenByDescending(i => i.Id)
            .ToList();
    }
}
