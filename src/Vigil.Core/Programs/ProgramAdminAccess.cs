using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>
/// Resource-based authorization for administering programs, in one place. An instance administrator who
/// proved a second factor creates programs and manages every one; a program's <see cref="ProgramRole.Admin"/>
/// member who proved a second factor manages that program; the clock and the CLI (<see cref="Actor.System"/>)
/// are trusted. Anyone else gets <see cref="NotFoundException"/>, the same answer as for a program that does not exist.
/// </summary>
public static class ProgramAdminAccess
{
    public static bool IsInstanceAdmin(Actor actor) =>
        actor.Kind == ActorKind.System || (actor.Kind == ActorKind.User && actor.IsInstanceAdmin && actor.TwoFactor);

    /// <summary>Only instance administrators create programs; to anyone else the operation does not exist.</summary>
    public static void EnsureCanCreate(Actor actor)
    {
        if (!IsInstanceAdmin(actor))
        {
            throw new NotFoundException("Not found.");
        }
    }

    public static async Task<bool> CanManageAsync(
        VigilDbContext db, long programId, Actor actor, CancellationToken cancellationToken) =>
        IsInstanceAdmin(actor)
        || (actor is { Kind: ActorKind.User, TwoFactor: true, UserId: { } user }
            && await db.ProgramMembers.AnyAsync(
                m => m.ProgramId == programId && m.UserId == user && m.Role == ProgramRole.Admin, cancellationToken));

    /// <summary>The program (tracked), or 404 when it does not exist or <paramref name="actor"/> may not manage
    /// it.</summary>
    public static async Task<ProgramEntity> LoadAsync(
        VigilDbContext db, string slug, Actor actor, CancellationToken cancellationToken)
    {
        var program = await db.Programs.SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (program is null || !await CanManageAsync(db, program.Id, actor, cancellationToken))
        {
            throw NotFound(slug);
        }
        return program;
    }

    public static NotFoundException NotFound(string slug) => new($"No program '{slug}'.");

    public static ValidationFailedException Invalid(string field, string message) =>
        new($"{field}: {message}", new Dictionary<string, string[]> { [field] = [message] });
}
