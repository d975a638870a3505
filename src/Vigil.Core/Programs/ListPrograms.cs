using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>A program as listed for its administrators.</summary>
public sealed record ProgramSummary(
    string Slug, string Name, string AdvisoryIdPrefix, int MemberCount, DateTimeOffset CreatedAt);

/// <summary>The programs the caller may manage: all of them for an instance administrator, else those it is an admin
/// of.</summary>
public sealed class ListPrograms(VigilDbContext db)
{
    /// <summary>Whether the caller may open the administration area (to link it from the account page).</summary>
    public async Task<bool> AnyAsync(Actor actor, CancellationToken cancellationToken = default) =>
        ProgramAdminAccess.IsInstanceAdmin(actor) || (await QueryAsync(actor, cancellationToken)).Count > 0;

    /// <summary>The list; to someone who is neither an instance administrator nor a program's admin, 404.</summary>
    public async Task<IReadOnlyList<ProgramSummary>> ExecuteAsync(
        Actor actor, CancellationToken cancellationToken = default)
    {
        var list = await QueryAsync(actor, cancellationToken);
        if (list.Count == 0 && !ProgramAdminAccess.IsInstanceAdmin(actor))
        {
            throw new Errors.NotFoundException("Not found.");
        }
        return list;
    }

    private async Task<IReadOnlyList<ProgramSummary>> QueryAsync(Actor actor, CancellationToken cancellationToken)
    {
        var programs = db.Programs.AsNoTracking();
        if (!ProgramAdminAccess.IsInstanceAdmin(actor))
        {
            if (actor is not { Kind: ActorKind.User, TwoFactor: true, UserId: { } user })
            {
                return [];
            }
            var mine = db.ProgramMembers.Where(m => m.UserId == user && m.Role == ProgramRole.Admin)
                .Select(m => m.ProgramId);
            programs = programs.Where(p => mine.Contains(p.Id));
        }
        var rows = await programs.OrderBy(p => p.Slug)
            .Select(p => new
            {
                p.Slug,
                p.Name,
                p.AdvisoryIdPrefix,
                p.CreatedAt,
                Members = db.ProgramMembers.Count(m => m.ProgramId == p.Id),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(
            r => new ProgramSummary(r.Slug, r.Name, r.AdvisoryIdPrefix, r.Members, r.CreatedAt)).ToList();
    }
}
