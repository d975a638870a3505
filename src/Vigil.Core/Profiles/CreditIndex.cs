using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Publication;
using Vigil.Core.Reports;

namespace Vigil.Core.Profiles;

/// <summary>
/// Which accounts a program's advisory credits (what reporter profiles list): written at publication and
/// brought in line with the advisory when a correction changes its credits.
/// </summary>
internal static class CreditIndex
{
    public static void Add(
        VigilDbContext db, ReportEntity report, ReportContent content, string advisoryId, DateTimeOffset at)
    {
        foreach (var entry in Entries(report, content))
        {
            db.CreditedAdvisories.Add(Row(report, advisoryId, entry, at));
        }
    }

    /// <summary>
    /// After a correction of the credits: an account stays listed while the advisory still carries the
    /// credit the report gave it (same type, same published name), is removed when the correction took it
    /// out, and is listed again when a later correction puts it back. A credit the correction adds by name
    /// only is tied to no account.
    /// </summary>
    public static async Task ReconcileAsync(
        VigilDbContext db, ReportEntity report, ReportContent content, string advisoryId,
        IReadOnlyList<DraftCredit> published, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var kept = Entries(report, content)
            .Where(e => published.Any(p => p.Type == e.Type && p.Name.Trim() == e.PublishedName.Trim()))
            .ToList();
        var rows = await db.CreditedAdvisories.Where(c => c.AdvisoryId == advisoryId).ToListAsync(cancellationToken);
        db.CreditedAdvisories.RemoveRange(rows.Where(r => !kept.Any(e => e.User == r.UserId && e.Type == r.Type)));
        foreach (var entry in kept.Where(e => !rows.Any(r => r.UserId == e.User && r.Type == e.Type)))
        {
            db.CreditedAdvisories.Add(Row(report, advisoryId, entry, at));
        }
    }

    /// <summary>The credits of a report that belong to accounts, with the name the advisory publishes for
    /// each.</summary>
    private static IEnumerable<Entry> Entries(ReportEntity report, ReportContent content)
    {
        var entries = new List<Entry>();
        if (report.ReporterUserId is { } reporter && !string.IsNullOrWhiteSpace(content.CreditName)
            && !content.FinderCreditDeclined)
        {
            entries.Add(new Entry(reporter, "FINDER", content.FinderCreditAnonymous,
                content.FinderCreditAnonymous ? ReportCredit.AnonymousName : content.CreditName));
        }
        entries.AddRange(content.Credits.Where(c => c.UserId is not null && !c.Declined)
            .Select(c => new Entry(
                c.UserId!.Value, c.Type, c.Anonymous, c.Anonymous ? ReportCredit.AnonymousName : c.Name)));
        return entries.DistinctBy(e => (e.User, e.Type));
    }

    private static CreditedAdvisoryEntity Row(
        ReportEntity report, string advisoryId, Entry entry, DateTimeOffset at) => new()
        {
            UserId = entry.User,
            AdvisoryId = advisoryId,
            ProgramId = report.ProgramId,
            ReportId = report.Id,
            Type = entry.Type,
            Anonymous = entry.Anonymous,
            CreditedAt = at,
        };

    private sealed record Entry(Guid User, string Type, bool Anonymous, string PublishedName);
}
