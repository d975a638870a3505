using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Programs;

/// <summary>Puts an account on a program's team, or changes its role there.</summary>
public sealed class AddProgramMember(VigilDbContext db, TimeProvider time)
{
    public async Task<ProgramMemberEntity> ExecuteAsync(string slug, Guid userId, ProgramRole role, CancellationToken cancellationToken = default)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken)
            ?? throw new NotFoundException($"No program '{slug}'.");
        var member = await db.ProgramMembers.SingleOrDefaultAsync(m => m.ProgramId == program.Id && m.UserId == userId, cancellationToken);
        if (member is null)
        {
            member = new ProgramMemberEntity { ProgramId = program.Id, UserId = userId, AddedAt = time.GetUtcNow() };
            db.ProgramMembers.Add(member);
        }
        member.Role = role;
        await db.SaveChangesAsync(cancellationToken);
        return member;
    }
}
