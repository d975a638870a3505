using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>
/// Changes a program's scope and policy. Deadlines already set on reports keep their value: a policy
/// change applies to reports submitted (triage) or accepted (publication) after it.
/// </summary>
public sealed class UpdateProgramPolicy(VigilDbContext db)
{
    /// <summary>An administrator of the program changes it (<see cref="ProgramAdminAccess"/>); a wrong field changes
    /// nothing.</summary>
    public async Task<ProgramEntity> ExecuteAsync(
        string slug, Actor actor, ProgramSettings settings, CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        ProgramPolicy.Apply(program, settings);
        await db.SaveChangesAsync(cancellationToken);
        return program;
    }

    /// <summary>Trusted callers (the CLI, tests): no authorization check.</summary>
    public async Task<ProgramEntity> ExecuteAsync(
        string slug, ProgramSettings settings, CancellationToken cancellationToken = default)
    {
        var program = await db.Programs.SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken)
            ?? throw new NotFoundException($"No program '{slug}'.");
        ProgramPolicy.Apply(program, settings);
        await db.SaveChangesAsync(cancellationToken);
        return program;
    }
}
