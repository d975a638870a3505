using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Hacktivity;

public sealed record PublicTimelineEntry(DateTimeOffset At, string Event);

public sealed record PublicTimeline(string Program, HacktivityItem Report, IReadOnlyList<PublicTimelineEntry> Events);

/// <summary>
/// The public timeline of a disclosed report. Conservative on purpose: only the process's milestones
/// (submitted, triaged, maintainers notified, fix in progress, fixed, published) with their dates — no
/// comment, no internal note, no actor, no report text and no e-mail, whatever their visibility.
/// </summary>
public sealed class GetPublicTimeline(VigilDbContext db)
{
    private static readonly Dictionary<ReportState, string> Milestones = new()
    {
        [ReportState.Accepted] = "triaged",
        [ReportState.MaintainersNotified] = "maintainers notified",
        [ReportState.FixInProgress] = "fix in progress",
        [ReportState.Fixed] = "fixed",
        [ReportState.Published] = "published",
    };

    public async Task<PublicTimeline> ExecuteAsync(
        string slug, string advisoryId, CancellationToken cancellationToken = default)
    {
        var programId = await PublishedReports.ProgramIdAsync(db, slug, cancellationToken);
        var row = await PublishedReports.Query(db, programId)
            .SingleOrDefaultAsync(r => r.AdvisoryId == advisoryId, cancellationToken)
            ?? throw new NotFoundException($"No disclosed report '{advisoryId}' in program '{slug}'.");
        var moves = await db.ReportEvents.AsNoTracking()
            .Where(e => e.ReportId == row.ReportId && e.Kind == ReportEventKind.StateChanged
                && e.Visibility == EventVisibility.Participants && e.ToState != null)
            .Select(e => new { e.At, e.ToState }).ToListAsync(cancellationToken);
        var events = new List<PublicTimelineEntry> { new(row.SubmittedAt, "submitted") };
        events.AddRange(moves.Where(m => Milestones.ContainsKey(m.ToState!.Value)).Select(
            m => new PublicTimelineEntry(m.At, Milestones[m.ToState!.Value])));
        var packages = await PublishedReports.PackagesAsync(db, [row.ReportId], cancellationToken);
        var bounty = (await PublicBounty.ForReportsAsync(db, [row.ReportId], cancellationToken))
            .GetValueOrDefault(row.ReportId)?.Total;
        var item = new HacktivityItem(
            row.AdvisoryId, row.Summary, row.PublishedAt, packages.GetValueOrDefault(row.ReportId) ?? [],
            row.Severity.ToNpmWord(), PublishedReports.Credits(row.Document), bounty);
        return new PublicTimeline(slug, item, events.OrderBy(e => e.At).ToList());
    }
}
