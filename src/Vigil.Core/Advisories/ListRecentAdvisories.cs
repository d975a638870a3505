using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Advisories;

public sealed record RecentAdvisory(string Id, string? Summary, AdvisorySeverity Severity, DateTimeOffset Modified,
    DateTimeOffset? Published, DateTimeOffset? Withdrawn, IReadOnlyList<AdvisoryPackage> Packages);

/// <summary>The most recently modified advisories (newest first), optionally of one ecosystem or one package: what the
/// Atom feeds carry.</summary>
public sealed class ListRecentAdvisories(VigilDbContext db)
{
    public async Task<IReadOnlyList<RecentAdvisory>> ExecuteAsync(
        string? ecosystem, string? package, int limit, CancellationToken cancellationToken = default)
    {
        var query = db.Advisories.AsNoTracking();
        if (ecosystem is not null || package is not null)
        {
            query = query.Where(a => db.AffectedPackages.Any(p => p.AdvisoryNumber == a.Number
                && (ecosystem == null || p.Ecosystem == ecosystem)
                && (package == null || p.Name == package)));
        }
        var rows = await query.OrderByDescending(a => a.Modified).ThenBy(a => a.Id).Take(limit)
            .Select(a => new { a.Number, a.Id, a.Summary, a.Severity, a.Modified, a.Published, a.Withdrawn })
            .ToListAsync(cancellationToken);
        var numbers = rows.Select(r => r.Number).ToList();
        var packages = (await db.AffectedPackages.AsNoTracking()
                .Where(p => numbers.Contains(p.AdvisoryNumber))
                .Select(p => new { p.AdvisoryNumber, p.Index, p.Ecosystem, p.Name })
                .ToListAsync(cancellationToken))
            .OrderBy(p => p.Index)
            .ToLookup(p => p.AdvisoryNumber, p => new AdvisoryPackage(p.Ecosystem, p.Name));
        return rows.Select(r => new RecentAdvisory(r.Id, r.Summary, r.Severity, r.Modified, r.Published, r.Withdrawn,
            packages[r.Number].Distinct().ToList())).ToList();
    }
}
