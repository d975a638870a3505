using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Core.Bounties;

/// <summary>A program admin sets (or replaces) the bounty table. Awards already made keep their amounts and
/// currency.</summary>
public sealed class SetBountyTable(VigilDbContext db, TimeProvider time)
{
    public async Task<BountyTableView> ExecuteAsync(
        string slug, Actor actor, BountyTableInput input, CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        input.Validate();
        var table = await db.Set<BountyTableEntity>()
            .Include(t => t.Ranges)
            .SingleOrDefaultAsync(t => t.ProgramId == program.Id, cancellationToken);
        if (table is null)
        {
            table = new BountyTableEntity { ProgramId = program.Id, Currency = input.Currency! };
            db.Add(table);
        }
        table.Currency = input.Currency!;
        table.InScope = Trim(input.InScope);
        table.OutOfScope = Trim(input.OutOfScope);
        table.PaysFixer = input.PaysFixer;
        table.UpdatedAt = time.GetUtcNow();
        table.Ranges.Clear();
        table.Ranges.AddRange(input.Ranges!.Select(
            r => new BountyRangeEntity { Severity = r.Severity!, Min = r.Min!.Value, Max = r.Max!.Value }));
        await db.SaveChangesAsync(cancellationToken);
        return BountyTableView.From(program.Slug, table);
    }

    /// <summary>A program admin removes the table: the program offers no bounty from then on (awards made
    /// stay).</summary>
    public async Task RemoveAsync(string slug, Actor actor, CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        await db.Set<BountyTableEntity>().Where(t => t.ProgramId == program.Id).ExecuteDeleteAsync(cancellationToken);
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
