using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

public sealed record ProgramMemberView(
    Guid UserId, string? Email, string? DisplayName, bool TwoFactorEnabled, string Role, DateTimeOffset AddedAt);

public sealed record PackageMaintainerView(
    long Id, string Ecosystem, string Name, string? Email, Guid? UserId, string? AccountEmail, DateTimeOffset AddedAt);

/// <summary>A webhook endpoint as listed: never its secret.</summary>
public sealed record WebhookEndpointView(long Id, string Url, IReadOnlyList<string> Events, bool Enabled);

/// <summary>Everything an administrator manages on one program: its policy, team, package maintainers and webhook
/// endpoints.</summary>
public sealed record ProgramAdminView(
    string Slug,
    string Name,
    IReadOnlyList<string> ScopeEcosystems,
    IReadOnlyList<string> ScopePackages,
    int TriageBusinessDays,
    int PublicationDays,
    string TimeZone,
    IReadOnlyList<string> Holidays,
    IReadOnlyList<int> ReminderHours,
    bool PublishAtDeadline,
    string AdvisoryIdPrefix,
    IReadOnlyList<string> ReservedCveIds,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ProgramMemberView> Members,
    IReadOnlyList<PackageMaintainerView> Maintainers,
    IReadOnlyList<WebhookEndpointView> Webhooks,
    double? MinimumSignal,
    int NewReporterReportsPerDay,
    IReadOnlyList<string> IntakeAddresses,
    IReadOnlyList<int> MaintainerReminderBusinessDays,
    int MaintainerEscalationBusinessDays,
    bool RequireProofOfConcept);

/// <summary>
/// One program for its administrators. Maintainers are recorded per program: a program lists (and its admins
/// manage) its own records only, never another program's or the instance-wide account links.
/// </summary>
public sealed class GetProgramAdmin(VigilDbContext db)
{
    public async Task<ProgramAdminView> ExecuteAsync(
        string slug, Actor actor, CancellationToken cancellationToken = default)
    {
        var p = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        var members = await db.ProgramMembers.AsNoTracking().Where(m => m.ProgramId == p.Id)
            .GroupJoin(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .SelectMany(x => x.u.DefaultIfEmpty(), (x, u) => new
            {
                x.m.UserId,
                u!.Email,
                u.DisplayName,
                TwoFactor = (bool?)u.TwoFactorEnabled,
                x.m.Role,
                x.m.AddedAt,
                x.m.Id,
            })
            .OrderBy(x => x.Id)
            .ToListAsync(cancellationToken);
        var maintainers = await db.PackageMaintainers.AsNoTracking().Where(m => m.ProgramId == p.Id)
            .OrderBy(m => m.Ecosystem).ThenBy(m => m.Name).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        var accounts = maintainers.Where(m => m.UserId is not null).Select(m => m.UserId!.Value).Distinct().ToList();
        var emails = await db.Users.AsNoTracking()
            .Where(u => accounts.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        var webhooks = await db.WebhookEndpoints.AsNoTracking()
            .Where(w => w.ProgramId == p.Id)
            .OrderBy(w => w.Id)
            .ToListAsync(cancellationToken);
        return new ProgramAdminView(
            p.Slug, p.Name, p.ScopeEcosystems, p.ScopePackages, p.TriageBusinessDays, p.PublicationDays, p.TimeZone,
            p.Holidays, p.ReminderHours, p.PublishAtDeadline, p.AdvisoryIdPrefix, p.ReservedCveIds, p.CreatedAt,
            members.Select(m => new ProgramMemberView(
                m.UserId, m.Email, m.DisplayName, m.TwoFactor ?? false, RoleName(m.Role), m.AddedAt)).ToList(),
            maintainers.Select(m => new PackageMaintainerView(m.Id, m.Ecosystem, m.Name, m.Email, m.UserId,
                m.UserId is { } id ? emails.GetValueOrDefault(id) : null, m.AddedAt)).ToList(),
            webhooks.Select(View).ToList(),
            p.MinimumSignal, p.NewReporterReportsPerDay,
            await SetIntakeAddresses.ListAsync(db, p.Id, cancellationToken),
            p.MaintainerReminderBusinessDays, p.MaintainerEscalationBusinessDays, p.RequireProofOfConcept);
    }

    public static string RoleName(ProgramRole role) => role.ToString().ToLowerInvariant();

    public static WebhookEndpointView View(Notifications.WebhookEndpointEntity w) =>
        new(w.Id, w.Url, w.EventFilter.Split(' ', StringSplitOptions.RemoveEmptyEntries), w.Enabled);
}
