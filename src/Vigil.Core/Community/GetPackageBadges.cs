using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Programs;

namespace Vigil.Core.Community;

/// <summary>What a package's badges say: the program that covers it (if any) and its published advisories.</summary>
public sealed record PackageBadgeFacts(
    string Ecosystem, string Name, string? ProgramSlug, string? ProgramName, int PublishedAdvisories);

/// <summary>
/// Badges (docs/community.md). Only public facts: a program's scope and the public database's advisories (withdrawn
/// ones left out). Reports are not read at all: a count of unpublished reports would tell everyone that a package has
/// an embargoed vulnerability before its fix is out, which is what the embargo exists to prevent (docs/community.md,
/// "Why no open count").
/// </summary>
public sealed class GetPackageBadges(VigilDbContext db)
{
    public async Task<PackageBadgeFacts> ExecuteAsync(
        string ecosystem, string name, CancellationToken cancellationToken = default)
    {
        // Oldest program first, so the answer is stable when two programs cover a package.
        var programs = await db.Programs.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var program = programs.FirstOrDefault(p => ProgramPolicy.InScope(p, ecosystem, name));
        var published = await db.Advisories.AsNoTracking()
            .CountAsync(a => a.Withdrawn == null && db.AffectedPackages.Any(
                p => p.AdvisoryNumber == a.Number && p.Ecosystem == ecosystem && p.Name == name), cancellationToken);
        return new PackageBadgeFacts(ecosystem, name, program?.Slug, program?.Name, published);
    }
}
