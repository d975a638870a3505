using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>Forgets a package maintainer; a program's admin may remove only the maintainers of packages in its scope.</summary>
public sealed class RemovePackageMaintainer(VigilDbContext db)
{
    public async Task ExecuteAsync(string slug, Actor actor, long id, CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        var maintainer = await db.PackageMaintainers.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (maintainer is null || !ProgramPolicy.InScope(program, maintainer.Ecosystem, maintainer.Name))
        {
            throw new NotFoundException($"No maintainer {id} in the scope of '{slug}'.");
        }
        db.PackageMaintainers.Remove(maintainer);
        await db.SaveChangesAsync(cancellationToken);
    }
}
