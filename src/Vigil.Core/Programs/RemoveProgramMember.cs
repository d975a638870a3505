using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>Takes an account off a program's team. Reports it already acted on keep their history.</summary>
public sealed class RemoveProgramMember(VigilDbContext db)
{
    public async Task ExecuteAsync(string slug, Actor actor, Guid userId, CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        var member = await db.ProgramMembers.SingleOrDefaultAsync(
            m => m.ProgramId == program.Id && m.UserId == userId, cancellationToken)
            ?? throw new NotFoundException($"{userId} is not on the team of '{slug}'.");
        db.ProgramMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
    }
}
