using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Programs;

/// <summary>
/// Changes a program's scope and policy. Deadlines already set on reports keep their value: a policy
/// change applies to reports submitted (triage) or accepted (publication) after it.
/// </summary>
public sealed class UpdateProgramPolicy(VigilDbContext db)
{
    public async Task<ProgramEntity> ExecuteAsync(string slug, ProgramSettings settings, CancellationToken cancellationToken = default)
    {
        var program = await db.Programs.SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken)
            ?? throw new NotFoundException($"No program '{slug}'.");
        ProgramPolicy.Apply(program, settings);
        await db.SaveChangesAsync(cancellationToken);
        return program;
    }
}
