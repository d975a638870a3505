using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>Removes a program's OpenPGP key: its intake falls back to the instance's key.</summary>
public sealed class RemoveProgramOpenPgpKey(VigilDbContext db)
{
    public async Task ExecuteAsync(string slug, Actor actor, CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        await db.ProgramOpenPgpKeys.Where(k => k.ProgramId == program.Id).ExecuteDeleteAsync(cancellationToken);
    }
}
