using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Bounties;

/// <summary>A program's bounty table, public like its SECURITY.md; null when the program offers no bounty.</summary>
public sealed class GetBountyTable(VigilDbContext db)
{
    public async Task<BountyTableView?> ExecuteAsync(string slug, CancellationToken cancellationToken = default)
    {
        var program = await db.Programs.AsNoTracking()
            .Where(p => p.Slug == slug)
            .Select(p => new { p.Id, p.Slug })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No program '{slug}'.");
        var table = await db.Set<BountyTableEntity>()
            .AsNoTracking()
            .Include(t => t.Ranges)
            .SingleOrDefaultAsync(t => t.ProgramId == program.Id, cancellationToken);
        return table is null ? null : BountyTableView.From(program.Slug, table);
    }
}
