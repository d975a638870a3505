using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;
using Vigil.Core.Reputation;

namespace Vigil.Core.Profiles;

/// <summary>An advisory on a profile; <see cref="Anonymous"/> ones appear only on the account's own view.</summary>
public sealed record CreditedAdvisoryView(
    string AdvisoryId, string? Summary, string Severity, string Type, string ProgramSlug, string ProgramName,
    DateTimeOffset CreditedAt, bool Withdrawn, bool Anonymous);

/// <summary>
/// A reporter's public profile: handle, name, reputation and credited advisories. <see cref="IsOwner"/>: the
/// account looks at its own profile, which adds its anonymous credits and its pending (embargoed) reports.
/// </summary>
public sealed record ReporterProfile(
    string Handle, string DisplayName, DateTimeOffset MemberSince, ReputationSummary Reputation,
    IReadOnlyList<CreditedAdvisoryView> Credits, bool IsOwner);

/// <summary>
/// Reporter profiles (docs/community.md): the public profile at <c>/reporters/{handle}</c>. Only accounts that chose a
/// handle have one; any other handle is 404. The public reputation counts final outcomes only (published, withdrawn,
/// rejected), so an accepted report under embargo does not show through it.
/// </summary>
public sealed class GetReporterProfile(VigilDbContext db, ReporterReputation reputations)
{
    public const int MaxCredits = 500;

    /// <summary>An account's own handle (null without a public profile) and reputation, pending reports
    /// included.</summary>
    public async Task<(string? Handle, ReputationSummary Reputation)> OwnAsync(
        Guid user, CancellationToken cancellationToken = default)
    {
        var handle = await db.Users.AsNoTracking()
            .Where(u => u.Id == user)
            .Select(u => u.ProfileHandle)
            .SingleOrDefaultAsync(cancellationToken);
        return (handle, await reputations.ComputeAsync(user, includePending: true, cancellationToken));
    }

    public async Task<ReporterProfile> ExecuteAsync(
        string handle, Actor viewer, CancellationToken cancellationToken = default)
    {
        var normalized = handle.ToLowerInvariant();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.ProfileHandle == normalized)
            .Select(u => new { u.Id, u.ProfileHandle, u.DisplayName, u.CreatedAt })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No reporter '{handle}'.");
        var owner = viewer.Kind == ActorKind.User && viewer.UserId == user.Id;
        var reputation = await reputations.ComputeAsync(user.Id, includePending: owner, cancellationToken);
        var credits = await db.CreditedAdvisories.AsNoTracking()
            .Where(c => c.UserId == user.Id && (owner || !c.Anonymous))
            .Join(db.Advisories.AsNoTracking(), c => c.AdvisoryId, a => a.Id, (c, a) => new
            {
                c,
                a.Summary,
                a.Severity,
                a.Withdrawn,
            })
            .Join(db.Programs.AsNoTracking(), x => x.c.ProgramId, p => p.Id, (x, p) => new
            {
                x.c,
                x.Summary,
                x.Severity,
                x.Withdrawn,
                p.Slug,
                p.Name,
            })
            .OrderByDescending(x => x.c.Id).Take(MaxCredits)
            .ToListAsync(cancellationToken);
        return new ReporterProfile(
            user.ProfileHandle!, string.IsNullOrWhiteSpace(user.DisplayName) ? user.ProfileHandle! : user.DisplayName,
            user.CreatedAt, reputation,
            credits.Select(x => new CreditedAdvisoryView(
                x.c.AdvisoryId, x.Summary, x.Severity.ToString().ToLowerInvariant(), x.c.Type, x.Slug, x.Name,
                x.c.CreditedAt, x.Withdrawn is not null, x.c.Anonymous)).ToList(),
            owner);
    }
}
