using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Programs;

namespace Vigil.Core.Reports;

/// <summary>What a caller is to one report. <see cref="None"/> sees nothing: the report answers 404.</summary>
public enum ReportRole
{
    None = 0,
    Reporter = 1,
    Maintainer = 2,
    Team = 3,
    Admin = 4,
}

/// <param name="Recused">
/// Four-eyes (no one triages their own report or package): the account that filed the report, its reporter, and a team
/// member who maintains an affected package may not take the team's decisions on it.
/// </param>
public sealed record ReportAccessResult(ReportRole Role, bool Recused)
{
    public bool CanSee => Role != ReportRole.None;
    public bool IsTeam => Role is ReportRole.Team or ReportRole.Admin;
    public bool CanDecide => IsTeam && !Recused;
}

/// <summary>
/// Resource-based authorization for reports, in one place: every use case asks here, and a caller who may
/// not see a report gets <see cref="NotFoundException"/> — the same answer as for a report that does not exist.
/// </summary>
public static class ReportAccess
{
    public static async Task<ReportAccessResult> ResolveAsync(
        VigilDbContext db, ReportEntity report, Actor actor, CancellationToken cancellationToken)
    {
        switch (actor.Kind)
        {
            case ActorKind.System:
                return new ReportAccessResult(ReportRole.Admin, Recused: false);
            case ActorKind.FollowUpToken:
                var holder = (actor.MailReporterOf == report.Id && report.ReporterUserId is null)
                    || FollowUpTokens.Matches(report.FollowUpTokenHash, actor.FollowUpToken);
                return new ReportAccessResult(holder ? ReportRole.Reporter : ReportRole.None, Recused: true);
            case ActorKind.User when actor.UserId is { } user:
                // A team member who has not proved a second factor is not the team: they see what anyone else would.
                var member = !actor.TwoFactor ? null : await db.ProgramMembers.AsNoTracking()
                    .Where(m => m.ProgramId == report.ProgramId && m.UserId == user)
                    .Select(m => (ProgramRole?)m.Role)
                    .SingleOrDefaultAsync(cancellationToken);
                var role = (actor.IsInstanceAdmin && actor.TwoFactor) || member == ProgramRole.Admin ? ReportRole.Admin
                    : member == ProgramRole.Triager ? ReportRole.Team
                    : report.ReporterUserId == user || report.FiledByUserId == user ? ReportRole.Reporter
                    : await db.ReportParticipants.AnyAsync(
                        p => p.ReportId == report.Id && p.UserId == user, cancellationToken) ? ReportRole.Maintainer
                    : ReportRole.None;
                var recused = report.ReporterUserId == user || report.FiledByUserId == user
                    || await MaintainsAffectedPackageAsync(db, report, user, cancellationToken);
                return new ReportAccessResult(role, recused);
            default:
                return new ReportAccessResult(ReportRole.None, Recused: true);
        }
    }

    /// <summary>The report, or 404 when it does not exist or <paramref name="actor"/> may not see it.</summary>
    public static async Task<(ReportEntity Report, ReportAccessResult Access)> LoadAsync(
        VigilDbContext db, long id, Actor actor, CancellationToken cancellationToken)
    {
        var report = await db.Reports.Include(r => r.Packages).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        var access = report is null ? null : await ResolveAsync(db, report, actor, cancellationToken);
        if (report is null || access is null || !access.CanSee)
        {
            throw NotFound(id);
        }
        return (report, access);
    }

    /// <summary>Whether the actor acts as the program's team: the clock, or an instance admin or member who proved a
    /// second factor.</summary>
    public static Task<bool> IsTeamAsync(
        VigilDbContext db, long programId, Actor actor, CancellationToken cancellationToken) =>
        actor.Kind == ActorKind.System || (actor.IsInstanceAdmin && actor.TwoFactor)
            ? Task.FromResult(true)
            : actor.Kind == ActorKind.User && actor.TwoFactor
                ? db.ProgramMembers.AnyAsync(
                    m => m.ProgramId == programId && m.UserId == actor.UserId, cancellationToken)
                : Task.FromResult(false);

    public static NotFoundException NotFound(long id) => new($"No report #{id}.");

    private static async Task<bool> MaintainsAffectedPackageAsync(
        VigilDbContext db, ReportEntity report, Guid user, CancellationToken cancellationToken)
    {
        var maintained = await MaintainerRecusal.RecordsOf(db, report.ProgramId, user).AsNoTracking()
            .Select(m => new { m.Ecosystem, m.Name })
            .ToListAsync(cancellationToken);
        return maintained.Any(m => report.Packages.Any(p => p.Ecosystem == m.Ecosystem && p.Name == m.Name));
    }
}
