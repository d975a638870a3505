using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>A program's OpenPGP key, public part only, for its administrators; 404 when it has none.</summary>
public sealed class GetProgramOpenPgpKey(VigilDbContext db)
{
    public async Task<ProgramOpenPgpKeyView> ExecuteAsync(
        string slug, Actor actor, CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        return await ProgramOpenPgpKeyView.FindAsync(db, program.Id, cancellationToken)
            ?? throw new Errors.NotFoundException($"Program '{slug}' has no OpenPGP key.");
    }
}
