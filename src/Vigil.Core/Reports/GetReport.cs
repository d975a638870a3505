using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Programs;

namespace Vigil.Core.Reports;

/// <summary>A report for one caller: the participant's view, or 404 for everyone else
/// (<see cref="ReportAccess"/>).</summary>
public sealed class GetReport(VigilDbContext db, ReportVault vault, TimeProvider time)
{
    public async Task<ReportView> ExecuteAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == report.ProgramId, cancellationToken);
        var dataKey = vault.Unwrap(report.WrappedKey);
        var content = ReportContent.Open(dataKey, report.SealedContent);
        var events = await db.ReportEvents.AsNoTracking()
            .Where(e => e.ReportId == id && (access.IsTeam || e.Visibility == EventVisibility.Participants))
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var seeEmail = access.IsTeam || access.Role == ReportRole.Reporter;
        return new ReportView(
            Id: report.Id,
            ProgramSlug: program.Slug,
            ProgramName: program.Name,
            State: report.State.Name(),
            RejectionReason: report.RejectionReason?.Name(),
            DuplicateOf: report.DuplicateOfId,
            Title: content.Title,
            Description: content.Description,
            ProofOfConcept: content.ProofOfConcept,
            ReporterEmail: seeEmail ? content.ReporterEmail : null,
            CreditName: content.CreditName,
            Packages: report.Packages.OrderBy(p => p.Id)
                .Select(p => new ReportPackageView(p.Ecosystem, p.Name, p.AffectedVersions, p.FixedVersion))
                .ToList(),
            CvssVector: report.CvssVector,
            CvssScore: report.CvssScore,
            Cwe: report.Cwe,
            SubmittedAt: report.SubmittedAt,
            TriageDueAt: report.TriageDueAt,
            PublicationDueAt: report.PublicationDueAt,
            DisclosureAt: report.DisclosureAt,
            AdvisoryId: report.AdvisoryId,
            CveId: report.CveId,
            CveState: report.CveState.ToString().ToLowerInvariant(),
            Countdown: Countdown(report, program, time.GetUtcNow()),
            ViewerRole: access.Role.ToString().ToLowerInvariant(),
            ViewerRecused: access.Recused,
            Timeline: await TimelineAsync(report, events, dataKey, cancellationToken),
            DuplicateHints: access.IsTeam ? await DuplicateHints.FindAsync(db, report, cancellationToken) : null,
            Extension: await ExtensionAsync(report, dataKey, actor, access, cancellationToken),
            Attachments: await Attachments.GetAttachment.ListAsync(
                db, report.Id, dataKey, access.IsTeam, cancellationToken),
            FinderCreditDeclined: content.FinderCreditDeclined,
            Credits: content.Credits,
            References: content.References,
            FinderCreditAnonymous: content.FinderCreditAnonymous,
            HeldForReview: report.HeldForReview,
            DuplicateGroup: access.IsTeam ? await DuplicateGroups.ViewAsync(db, report, cancellationToken) : null,
            Disputes: await ReportDisputes.ViewAsync(db, report.Id, dataKey, cancellationToken));
    }

    private async Task<ExtensionVoteView?> ExtensionAsync(
        ReportEntity report,
        byte[] dataKey,
        Actor actor,
        ReportAccessResult access,
        CancellationToken cancellationToken)
    {
        var vote = await db.ExtensionVotes.AsNoTracking()
            .Where(v => v.ReportId == report.Id)
            .OrderByDescending(v => v.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (vote is null)
        {
            return null;
        }
        var voter = actor.Kind == ActorKind.FollowUpToken && access.Role == ReportRole.Reporter
            ? Guid.Empty
            : actor.UserId;
        var cast = await db.ExtensionBallots.CountAsync(b => b.VoteId == vote.Id, cancellationToken);
        var voted = voter is not null
            && await db.ExtensionBallots.AnyAsync(b => b.VoteId == vote.Id && b.Voter == voter, cancellationToken);
        var closed = vote.Outcome != ExtensionVotes.VoteOutcome.Open;
        return new ExtensionVoteView(
            ReportVault.Open(dataKey, vote.SealedReason, "vigil:extension-reason:v1"), vote.ProposedDueAt,
            vote.ClosesAt,
            vote.Outcome.ToString().ToLowerInvariant(), cast, vote.Eligible, closed ? vote.Yes : null,
            closed ? vote.No : null, voted);
    }

    /// <summary>Triage for a new report (in business time), publication for an embargoed one (the agreed date if
    /// earlier).</summary>
    public static Countdown? Countdown(ReportEntity report, ProgramEntity program, DateTimeOffset now)
    {
        if (report.State is ReportState.New)
        {
            return new Countdown(
                "triage", report.TriageDueAt, BusinessCalendar.For(program).BusinessTimeUntil(now, report.TriageDueAt));
        }
        if (ReportStates.IsEmbargoed(report.State) && report.PublicationDueAt is { } due)
        {
            var at = report.DisclosureAt is { } agreed && agreed < due ? agreed : due;
            return new Countdown(at == due ? "publication" : "disclosure", at, at - now);
        }
        return null;
    }

    /// <summary>
    /// The timeline with people named as participants see them: an account's display name with its part in
    /// the report ("Ada (team)"), or the part alone when it has none — never an e-mail address or account id.
    /// </summary>
    private async Task<List<TimelineEntry>> TimelineAsync(
        ReportEntity report, List<ReportEventEntity> events, byte[] dataKey, CancellationToken cancellationToken)
    {
        var ids = events.Select(e => e.ActorUserId)
            .Concat(events.Select(e => UserIn(e.Detail)))
            .OfType<Guid>()
            .Distinct()
            .ToList();
        var names = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var team = await db.ProgramMembers.AsNoTracking()
            .Where(m => m.ProgramId == report.ProgramId && ids.Contains(m.UserId))
            .Select(m => m.UserId)
            .ToListAsync(cancellationToken);
        var maintainers = await db.ReportParticipants.AsNoTracking()
            .Where(p => p.ReportId == report.Id && p.UserId != null)
            .Select(p => p.UserId!.Value)
            .ToListAsync(cancellationToken);
        var removed = events.Where(e => e.Kind == ReportEventKind.ParticipantRemoved)
            .Select(e => UserIn(e.Detail))
            .OfType<Guid>()
            .ToHashSet();
        string Name(Guid id)
        {
            var part = id == report.ReporterUserId
                ? "reporter"
                : team.Contains(id) ? "team" : maintainers.Contains(id) ? "maintainer"
                : removed.Contains(id) ? "former maintainer" : "administrator";
            return names.GetValueOrDefault(id) is { Length: > 0 } name ? $"{name} ({part})" : part;
        }
        return events.Select(e => new TimelineEntry(
            e.Id, e.At, e.Kind.ToString(),
            e.ActorKind switch
            {
                ActorKind.User when e.ActorUserId is { } id => Name(id),
                ActorKind.System => "vigil",
                _ => "reporter", // the follow-up token, or the anonymous submission itself
            },
            e.FromState?.Name(), e.ToState?.Name(), e.Visibility == EventVisibility.Team,
            UserIn(e.Detail) is { } user ? Name(user) : e.Detail,
            e.SealedText is null
                ? null
                : ReportVault.Open(dataKey, e.SealedText, ReportContent.EventPurpose))).ToList();
    }

    /// <summary>Events name an account in their detail as <c>user:GUID</c> (assigned to, invited).</summary>
    private static Guid? UserIn(string? detail) =>
        detail is not null && detail.StartsWith("user:", StringComparison.Ordinal)
            && Guid.TryParse(detail.AsSpan(5), out var id)
            ? id
            : null;
}
