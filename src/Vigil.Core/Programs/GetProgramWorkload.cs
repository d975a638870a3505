using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>Open reports in one state, by age since submission.</summary>
public sealed record WorkloadStateCount(
    string State, int UnderTwoBusinessDays, int TwoToSevenDays, int SevenToThirtyDays, int OverThirtyDays)
{
    public int Total => UnderTwoBusinessDays + TwoToSevenDays + SevenToThirtyDays + OverThirtyDays;
}

/// <summary>
/// A triage or publication deadline: <see cref="Remaining"/> is business time on the program's calendar (negative when
/// overdue), <see cref="BusinessDaysLeft"/> its whole business days.
/// </summary>
public sealed record WorkloadDeadline(
    long ReportId, string Title, string State, string Deadline, DateTimeOffset DueAt, TimeSpan Remaining,
    int BusinessDaysLeft, bool Overdue, bool HeldForReview);

/// <summary>
/// One team member (by display name, else e-mail address; the address as on the administration page) and their load:
/// open reports assigned to them, open reports they handle (assigned, or with a timeline entry of theirs), and the
/// state changes they made in the last 30 days.
/// </summary>
public sealed record MemberLoad(
    Guid UserId, string Name, string? Email, string Role, int Assigned, int Handling, int DecisionsLast30Days);

public sealed record ProgramWorkload(
    string Slug,
    string Name,
    DateTimeOffset AsOf,
    int Open,
    int HeldForReview,
    IReadOnlyList<WorkloadStateCount> ByState,
    IReadOnlyList<WorkloadDeadline> Deadlines,
    IReadOnlyList<MemberLoad> Members);

/// <summary>
/// Where a program's team stands (docs/disclosure.md, workload), for its administrators (and instance administrators:
/// <see cref="ProgramAdminAccess"/>); anyone else gets 404. Counts only, except the deadlines of the next 7 days, which
/// name their report's title for the team. A fixed number of queries whatever the number of reports: the open reports
/// (without their sealed text), the team, their timeline entries on those reports, their decisions, and the titles of
/// the reports with a deadline.
/// </summary>
public sealed class GetProgramWorkload(VigilDbContext db, ReportVault vault, TimeProvider time)
{
    public static readonly TimeSpan DeadlineWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan DecisionWindow = TimeSpan.FromDays(30);

    /// <summary>Whether the caller may see the workload (to link it from the triage queue).</summary>
    public async Task<bool> CanSeeAsync(string slug, Actor actor, CancellationToken cancellationToken = default) =>
        await db.Programs.AsNoTracking().Where(p => p.Slug == slug).Select(p => (long?)p.Id)
            .SingleOrDefaultAsync(cancellationToken) is { } id
        && await ProgramAdminAccess.CanManageAsync(db, id, actor, cancellationToken);

    public async Task<ProgramWorkload> ExecuteAsync(
        string slug, Actor actor, CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        var calendar = BusinessCalendar.For(program);
        var now = time.GetUtcNow();
        var openReports = db.Reports.AsNoTracking()
            .Where(r => r.ProgramId == program.Id && ReportStates.Open.Contains(r.State));
        var open = await openReports
            .Select(r => new OpenReport(
                r.Id, r.State, r.SubmittedAt, r.TriageDueAt, r.PublicationDueAt, r.HeldForReview,
                r.AssignedTriagerId, r.ReporterUserId, r.FiledByUserId))
            .ToListAsync(cancellationToken);
        var counted = open.Where(r => !r.Held).ToList();
        var byState = ReportStates.Open
            .Select(state => Count(state, counted.Where(r => r.State == state), calendar, now))
            .ToList();
        return new ProgramWorkload(
            program.Slug, program.Name, now, counted.Count, open.Count - counted.Count, byState,
            await DeadlinesAsync(open, calendar, now, cancellationToken),
            await MembersAsync(program.Id, open, openReports, now, cancellationToken));
    }

    private static WorkloadStateCount Count(
        ReportState state, IEnumerable<OpenReport> reports, BusinessCalendar calendar, DateTimeOffset now)
    {
        int[] buckets = [0, 0, 0, 0];
        foreach (var report in reports)
        {
            var age = now - report.SubmittedAt;
            var bucket = calendar.BusinessTimeUntil(report.SubmittedAt, now) < TimeSpan.FromDays(2) ? 0
                : age < TimeSpan.FromDays(7) ? 1
                : age < TimeSpan.FromDays(30) ? 2
                : 3;
            buckets[bucket]++;
        }
        return new WorkloadStateCount(state.Name(), buckets[0], buckets[1], buckets[2], buckets[3]);
    }

    /// <summary>Triage due (new reports) and publication due (accepted, not yet published) before a week from now,
    /// overdue ones first.</summary>
    private async Task<List<WorkloadDeadline>> DeadlinesAsync(
        List<OpenReport> open, BusinessCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = now + DeadlineWindow;
        var due = open
            .Select(r => (
                Report: r,
                Deadline: r.State == ReportState.New ? "triage" : "publication",
                At: r.State == ReportState.New ? r.TriageDueAt
                    : ReportStates.IsEmbargoed(r.State) ? r.PublicationDueAt : null))
            .Where(d => d.At is { } at && at < until)
            .OrderBy(d => d.At)
            .ThenBy(d => d.Report.Id)
            .ToList();
        var ids = due.Select(d => d.Report.Id).ToList();
        var sealedTexts = await db.Reports.AsNoTracking()
            .Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.WrappedKey, r.SealedContent })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return due.Select(d =>
        {
            var at = d.At!.Value;
            var remaining = at > now ? calendar.BusinessTimeUntil(now, at) : -calendar.BusinessTimeUntil(at, now);
            var text = sealedTexts[d.Report.Id];
            return new WorkloadDeadline(
                d.Report.Id,
                ReportContent.Open(vault.Unwrap(text.WrappedKey), text.SealedContent).Title,
                d.Report.State.Name(),
                d.Deadline,
                at,
                remaining,
                (int)remaining.TotalDays,
                at <= now,
                d.Report.Held);
        }).ToList();
    }

    /// <summary>
    /// A member handles an open report assigned to them or one with a timeline entry of theirs (a decision, comment,
    /// note, invitation, date…), except reports they reported or filed (they are recused from those). Decisions are
    /// the state changes they made on the program's reports in the last 30 days, except a move back to new (a
    /// reporter's answer to a question, not a decision).
    /// </summary>
    private async Task<List<MemberLoad>> MembersAsync(
        long programId, List<OpenReport> open, IQueryable<ReportEntity> openReports, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var members = await db.ProgramMembers.AsNoTracking().Where(m => m.ProgramId == programId)
            .GroupJoin(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .SelectMany(x => x.u.DefaultIfEmpty(), (x, u) => new
            {
                x.m.Id,
                x.m.UserId,
                x.m.Role,
                DisplayName = u == null ? null : u.DisplayName,
                Email = u == null ? null : u.Email,
            })
            .OrderBy(x => x.Id)
            .ToListAsync(cancellationToken);
        var memberIds = members.Select(m => m.UserId).ToList();
        var acted = await db.ReportEvents.AsNoTracking()
            .Where(e => e.ActorUserId != null && e.Kind != ReportEventKind.Submitted
                && memberIds.Contains(e.ActorUserId.Value))
            .Join(openReports, e => e.ReportId, r => r.Id, (e, r) => new { e.ReportId, User = e.ActorUserId!.Value })
            .Distinct()
            .ToListAsync(cancellationToken);
        var since = now - DecisionWindow;
        var decisions = await db.ReportEvents.AsNoTracking()
            .Where(e => e.Kind == ReportEventKind.StateChanged && e.ToState != ReportState.New && e.At >= since
                && e.ActorUserId != null && memberIds.Contains(e.ActorUserId.Value))
            .Join(db.Reports.Where(r => r.ProgramId == programId), e => e.ReportId, r => r.Id,
                (e, r) => e.ActorUserId!.Value)
            .GroupBy(user => user)
            .Select(g => new { User = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.User, g => g.Count, cancellationToken);
        var byId = open.ToDictionary(r => r.Id);
        return members.Select(m =>
        {
            var handling = open.Where(r => r.AssignedTriagerId == m.UserId).Select(r => r.Id)
                .Concat(acted.Where(a => a.User == m.UserId).Select(a => a.ReportId))
                .Where(id => byId.TryGetValue(id, out var r)
                    && r.ReporterUserId != m.UserId && r.FiledByUserId != m.UserId)
                .Distinct()
                .Count();
            return new MemberLoad(
                m.UserId,
                m.DisplayName is { Length: > 0 } name ? name : m.Email ?? "(account removed)",
                m.Email,
                GetProgramAdmin.RoleName(m.Role),
                open.Count(r => r.AssignedTriagerId == m.UserId),
                handling,
                decisions.GetValueOrDefault(m.UserId));
        }).ToList();
    }

    private sealed record OpenReport(
        long Id, ReportState State, DateTimeOffset SubmittedAt, DateTimeOffset TriageDueAt,
        DateTimeOffset? PublicationDueAt, bool Held, Guid? AssignedTriagerId, Guid? ReporterUserId,
        Guid? FiledByUserId);
}
