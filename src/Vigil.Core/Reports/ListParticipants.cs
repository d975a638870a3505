using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Reports;

/// <summary>
/// One person in a report. <see cref="Id"/> is the invitation's id for an invited maintainer (what
/// <see cref="RemoveParticipant"/> and <see cref="RevokeInvitation"/> take); the reporter and the team have none.
/// </summary>
/// <param name="Part">reporter, filer, maintainer or team.</param>
/// <param name="State">
/// reporter: account or anonymous; filer: account; maintainer: invited (the e-mailed link is unused), expired (unused
/// and too old), accepted (the link was opened) or added (invited by account); team: acted (took part in the timeline).
/// </param>
public sealed record ParticipantView(
    long? Id, string Part, string State, Guid? UserId, string? DisplayName, string? Email, DateTimeOffset? Since);

/// <summary>
/// Lists a report's participants: who reported it, the maintainers invited (and how far their invitation got), and the
/// team members who acted. The team sees names, addresses and the invitations' ids; any other participant (when the
/// caller asks for it) sees the same list by part, state and date only (no name, address or id), so everyone knows who
/// takes part without learning who they are.
/// </summary>
public sealed class ListParticipants(VigilDbContext db, TimeProvider time)
{
    /// <param name="anyParticipant">
    /// False (the API): only the team may list, anyone else gets "not found". True (the report page): every participant
    /// may, the team in full and others by part, state and date.
    /// </param>
    public async Task<IReadOnlyList<ParticipantView>> ExecuteAsync(
        long id, Actor actor, CancellationToken cancellationToken = default, bool anyParticipant = false)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        if (!anyParticipant)
        {
            ParticipantAccess.RequireTeam(access, id);
        }
        var team = access.IsTeam;
        var now = time.GetUtcNow();
        var invited = await db.ReportParticipants.AsNoTracking()
            .Where(p => p.ReportId == id)
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken);
        var actors = await db.ReportEvents.AsNoTracking()
            .Where(e => e.ReportId == id && e.ActorKind == ActorKind.User && e.ActorUserId != null)
            .GroupBy(e => e.ActorUserId!.Value)
            .Select(g => new { User = g.Key, First = g.Min(e => e.Id) })
            .ToListAsync(cancellationToken);
        var firstIds = actors.Select(a => a.First).ToList();
        var firstAt = await db.ReportEvents.AsNoTracking()
            .Where(e => firstIds.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => e.At, cancellationToken);
        var people = new HashSet<Guid?> { report.ReporterUserId, report.FiledByUserId };
        people.UnionWith(invited.Select(p => p.UserId));
        var members = actors.Where(a => !people.Contains(a.User)).ToList();
        var ids = members.Select(a => a.User).Concat(people.OfType<Guid>()).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => (u.DisplayName, u.Email), cancellationToken);

        var list = new List<ParticipantView>
        {
            Person(
                null, "reporter", report.ReporterUserId is null ? "anonymous" : "account", report.ReporterUserId,
                report.SubmittedAt),
        };
        if (report.FiledByUserId is { } filer && filer != report.ReporterUserId)
        {
            list.Add(Person(null, "filer", "account", filer, report.SubmittedAt));
        }
        foreach (var p in invited)
        {
            var state = p.AcceptedAt is not null ? "accepted"
                : p.InvitationTokenHash is null ? "added"
                : now - p.InvitedAt > InvitationTokens.Lifetime ? "expired"
                : "invited";
            var person = Person(p.Id, "maintainer", state, p.UserId, p.AcceptedAt ?? p.InvitedAt);
            list.Add(person with { Email = p.Email ?? person.Email });
        }
        list.AddRange(
            members.OrderBy(a => a.First).Select(a => Person(null, "team", "acted", a.User, firstAt[a.First])));
        return team
            ? list
            : list.Select(p => p with { Id = null, UserId = null, DisplayName = null, Email = null }).ToList();

        ParticipantView Person(long? rowId, string part, string state, Guid? user, DateTimeOffset since)
        {
            var (name, email) = user is { } u && users.TryGetValue(u, out var found) ? found : (null, null);
            return new ParticipantView(rowId, part, state, user, name, email, since);
        }
    }
}
