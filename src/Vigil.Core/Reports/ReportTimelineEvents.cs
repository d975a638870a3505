using Vigil.Core.Data;

namespace Vigil.Core.Reports;

/// <summary>Timeline entries for features outside Reports (extension votes, CVE ids): visible to every
/// participant.</summary>
public static class ReportTimelineEvents
{
    public static void Add(
        VigilDbContext db,
        ReportEntity report,
        Actor actor,
        DateTimeOffset at,
        string detail,
        ReportEventKind kind = ReportEventKind.Extension) =>
        ReportTimeline.Add(db, report, actor, kind, at, EventVisibility.Participants, detail);
}
