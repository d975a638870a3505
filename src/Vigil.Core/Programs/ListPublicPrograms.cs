using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Programs;

/// <summary>A program as the public directory shows it: what it covers, its clock, and how many advisories it
/// published.</summary>
public sealed record PublicProgram(
    string Slug,
    string Name,
    IReadOnlyList<string> Ecosystems,
    int TriageBusinessDays,
    int PublicationDays,
    int Advisories);

/// <summary>
/// Every program of the instance, for anyone (a program's page, policy and SECURITY.md are public): the
/// directory reporters start from. Counts published advisories only; nothing about open reports.
/// </summary>
public sealed class ListPublicPrograms(VigilDbContext db)
{
    public async Task<IReadOnlyList<PublicProgram>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Programs.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Slug)
            .Select(p => new
            {
                p.Slug,
                p.Name,
                p.ScopeEcosystems,
                p.TriageBusinessDays,
                p.PublicationDays,
                Advisories = db.Reports.Count(r => r.ProgramId == p.Id && r.AdvisoryId != null),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PublicProgram(
            r.Slug, r.Name, r.ScopeEcosystems, r.TriageBusinessDays, r.PublicationDays, r.Advisories)).ToList();
    }
}
