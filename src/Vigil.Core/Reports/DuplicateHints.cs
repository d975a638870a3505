using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Reports;

/// <summary>What the triager should check before accepting: advisories and other open reports naming the same
/// packages.</summary>
public sealed record DuplicateHintsView(IReadOnlyList<string> Advisories, IReadOnlyList<long> OpenReports);

internal static class DuplicateHints
{
    public static async Task<DuplicateHintsView> FindAsync(
        VigilDbContext db, ReportEntity report, CancellationToken cancellationToken)
    {
        var advisories = new SortedSet<string>(StringComparer.Ordinal);
        var reports = new SortedSet<long>();
        foreach (var package in report.Packages)
        {
            var ids = await (
                    from affected in db.AffectedPackages.AsNoTracking()
                    join advisory in db.Advisories.AsNoTracking() on affected.AdvisoryNumber equals advisory.Number
                    where affected.Ecosystem == package.Ecosystem && affected.Name == package.Name
                        && advisory.Withdrawn == null
                    select advisory.Id)
                .Take(50)
                .ToListAsync(cancellationToken);
            // the advisory this report became is no duplicate of it
            advisories.UnionWith(ids.Where(id => id != report.AdvisoryId));
            var others = await db.ReportPackages.AsNoTracking()
                .Where(p => p.Ecosystem == package.Ecosystem && p.Name == package.Name && p.ReportId != report.Id)
                .Join(
                    db.Reports.AsNoTracking()
                        .Where(r => r.ProgramId == report.ProgramId && ReportStates.Open.Contains(r.State)),
                    p => p.ReportId, r => r.Id, (p, r) => r.Id)
                .Take(50)
                .ToListAsync(cancellationToken);
            reports.UnionWith(others);
        }
        return new DuplicateHintsView([.. advisories], [.. reports]);
    }
}
