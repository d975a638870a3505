using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Programs;

namespace Vigil.Core.Reports;

/// <summary>A report for one caller: the participant's view, or 404 for everyone else (<see cref="ReportAccess"/>).</summary>
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
            report.Id, program.Slug, program.Name, report.State.Name(), report.RejectionReason?.Name(), report.DuplicateOfId,
            content.Title, content.Description, content.ProofOfConcept, seeEmail ? content.ReporterEmail : null, content.CreditName,
            report.Packages.OrderBy(p => p.Id).Select(p => new ReportPackageView(p.Ecosystem, p.Name, p.AffectedVersions, p.FixedVersion)).ToList(),
            report.CvssVector, report.CvssScore, report.Cwe,
            report.SubmittedAt, report.TriageDueAt, report.PublicationDueAt, report.DisclosureAt, report.AdvisoryId,
            report.CveId, report.CveState.ToString().ToLowerInvariant(),
            Countdown(report, program, time.GetUtcNow()),
            access.Role.ToString().ToLowerInvariant(), access.Recused,
            events.Select(e => Entry(e, dataKey)).ToList(),
            access.IsTeam ? await DuplicateHints.FindAsync(db, report, cancellationToken) : null,
            await ExtensionAsync(report, dataKey, actor, access, cancellationToken),
            await Attachments.GetAttachment.ListAsync(db, report.Id, dataKey, access.IsTeam, cancellationToken));
    }

    private async Task<ExtensionVoteView?> ExtensionAsync(ReportEntity report, byte[] dataKey, Actor actor, ReportAccessResult access, CancellationToken cancellationToken)
    {
        var vote = await db.ExtensionVotes.AsNoTracking().Where(v => v.ReportId == report.Id).OrderByDescending(v => v.Id).FirstOrDefaultAsync(cancellationToken);
        if (vote is null)
        {
            return null;
        }
        var voter = actor.Kind == ActorKind.FollowUpToken && access.Role == ReportRole.Reporter ? Guid.Empty : actor.UserId;
        var cast = await db.ExtensionBallots.CountAsync(b => b.VoteId == vote.Id, cancellationToken);
        var voted = voter is not null && await db.ExtensionBallots.AnyAsync(b => b.VoteId == vote.Id && b.Voter == voter, cancellationToken);
        var closed = vote.Outcome != Extensions.VoteOutcome.Open;
        return new ExtensionVoteView(
            ReportVault.Open(dataKey, vote.SealedReason, "vigil:extension-reason:v1"), vote.ProposedDueAt, vote.ClosesAt,
            vote.Outcome.ToString().ToLowerInvariant(), cast, vote.Eligible, closed ? vote.Yes : null, closed ? vote.No : null, voted);
    }

    /// <summary>Triage for a new report (in business time), publication for an embargoed one (the agreed date if earlier).</summary>
    public static Countdown? Countdown(ReportEntity report, ProgramEntity program, DateTimeOffset now)
    {
        if (report.State is ReportState.New)
        {
            return new Countdown("triage", report.TriageDueAt, BusinessCalendar.For(program).BusinessTimeUntil(now, report.TriageDueAt));
        }
        if (ReportStates.IsEmbargoed(report.State) && report.PublicationDueAt is { } due)
        {
            var at = report.DisclosureAt is { } agreed && agreed < due ? agreed : due;
            return new Countdown(at == due ? "publication" : "disclosure", at, at - now);
        }
        return null;
    }

    private static TimelineEntry Entry(ReportEventEntity e, byte[] dataKey) => new(
        e.Id, e.At, e.Kind.ToString(), ActorName(e), e.FromState?.Name(), e.ToState?.Name(), e.Visibility == EventVisibility.Team, e.Detail,
        e.SealedText is null ? null : ReportVault.Open(dataKey, e.SealedText, ReportContent.EventPurpose));

    /// <summary>Accounts are named by id here; pages resolve display names. An anonymous reporter is "reporter".</summary>
    private static string ActorName(ReportEventEntity e) => e.ActorKind switch
    {
        ActorKind.User => $"user:{e.ActorUserId}",
        ActorKind.FollowUpToken => "reporter",
        ActorKind.System => "vigil",
        _ => "anonymous",
    };
}
