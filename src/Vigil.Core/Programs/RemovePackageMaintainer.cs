using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>Forgets a package maintainer; a program's admin may remove only the maintainer records of that
/// program.</summary>
public sealed class RemovePackageMaintainer(VigilDbContext db)
{
    public async Task ExecuteAsync(string slug, Actor actor, long id, CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        var maintainer = await db.PackageMaintainers.SingleOrDefaultAsync(
            m => m.Id == id && m.ProgramId == program.Id, cancellationToken)
            ?? throw new NotFoundException($"No maintainer {id} in '{slug}'.");
        db.PackageMaintainers.Remove(maintainer);
        await db.SaveChangesAsync(cancellationToken);
    }
}
