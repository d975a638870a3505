using Vigil.Core.Clock;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Core.ExtensionVotes;

/// <summary>
/// Who may vote on a report's extension: the program's team members who are not recused from it, and the reporter.
/// </summary>
internal static class ExtensionVoters
{
    public static async Task<List<Guid>> TeamAsync(VigilDbContext db, ReportEntity report,
        CancellationToken cancellationToken)
    {
        var members = await db.ProgramMembers.AsNoTracking().Where(m => m.ProgramId == report.ProgramId)
            .Select(m => m.UserId).ToListAsync(cancellationToken);
        var eligible = new List<Guid>();
        foreach (var member in members)
        {
            if (!(await ReportAccess.ResolveAsync(db, report, Actor.User(member), cancellationToken)).Recused)
            {
                eligible.Add(member);
            }
        }
        return eligible;
    }

    public static bool HasReporter(ReportEntity report) =>
        report.ReporterUserId is not null || report.FollowUpTokenHash is not null;

    /// <summary>
    /// The ballot key of an actor: their account, or <see cref="Guid.Empty"/> for the anonymous reporter.
    /// </summary>
    public static Guid? Key(Actor actor, ReportAccessResult access, ReportEntity report) =>
        actor.Kind == ActorKind.FollowUpToken && access.Role == ReportRole.Reporter ? Guid.Empty
        : actor.Kind == ActorKind.User ? actor.UserId
        : null;
}

/// <summary>
/// Opens an extension vote (docs/disclosure.md, votes): any participant may ask, with a reason and a new publication
/// date later than the current one. The vote closes after <see cref="VotingPeriod"/>, or at the current
/// deadline if that comes first, or as soon as every eligible voter has voted.
/// </summary>
public sealed class RequestExtension(VigilDbContext db, ReportVault vault, TimeProvider time)
{
    public static readonly TimeSpan VotingPeriod = TimeSpan.FromDays(3);

    public async Task<ExtensionVoteEntity> ExecuteAsync(long id, Actor actor, string reason,
        DateTimeOffset proposedDueAt, CancellationToken cancellationToken = default)
    {
        var (report, _) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        var now = time.GetUtcNow();
        if (!ReportStates.IsEmbargoed(report.State) || report.PublicationDueAt is not { } due)
        {
            throw new ConflictException(
                $"Report #{id} is {report.State.Name()}; an extension is voted while it is accepted and unpublished.");
        }
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 10_000)
        {
            errors["reason"] = ["say why the publication should wait (1–10,000 characters)."];
        }
        if (proposedDueAt <= due)
        {
            errors["proposedDueAt"] =
                [$"the new date must be after the current deadline {DateWords.Moment(due)}."];
        }
        else if (proposedDueAt > due.AddDays(365))
        {
            errors["proposedDueAt"] = ["at most a year past the current deadline."];
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException("The extension request is invalid.", errors);
        }
        if (await db.ExtensionVotes.AnyAsync(v => v.ReportId == id && v.Outcome == VoteOutcome.Open, cancellationToken))
        {
            throw new ConflictException($"Report #{id} already has an open extension vote.");
        }
        var vote = new ExtensionVoteEntity
        {
            ReportId = id,
            SealedReason = ReportVault.Seal(vault.Unwrap(report.WrappedKey), reason, "vigil:extension-reason:v1"),
            ProposedDueAt = proposedDueAt.ToUniversalTime(),
            OpenedAt = now,
            ClosesAt = now + VotingPeriod < due ? now + VotingPeriod : due,
            Eligible = (await ExtensionVoters.TeamAsync(db, report, cancellationToken)).Count
                + (ExtensionVoters.HasReporter(report) ? 1 : 0),
        };
        db.ExtensionVotes.Add(vote);
        ReportTimelineEvents.Add(db, report, actor, now,
            $"extension vote opened: publication on {DateWords.Moment(vote.ProposedDueAt)} instead of "
            + $"{DateWords.Moment(due)}; closes {DateWords.Moment(vote.ClosesAt)}");
        await db.SaveChangesAsync(cancellationToken);
        return vote;
    }
}

/// <summary>
/// Casts one ballot (yes or no) on a report's open extension vote; the vote closes early once everyone eligible has
/// voted.
/// </summary>
public sealed class CastExtensionVote(VigilDbContext db, TimeProvider time)
{
    public async Task ExecuteAsync(long id, Actor actor, bool inFavour, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        var isReporter = access.Role == ReportRole.Reporter
            && (report.ReporterUserId == actor.UserId || actor.Kind == ActorKind.FollowUpToken);
        if (access.IsTeam && !isReporter)
        {
            // A team member's ballot is a team decision: the four-eyes rule answers a recused member, before anything
            // else.
            TeamDecision.Require(access, id);
        }
        var vote = await db.ExtensionVotes.SingleOrDefaultAsync(
                v => v.ReportId == id && v.Outcome == VoteOutcome.Open, cancellationToken)
            ?? throw new ConflictException($"Report #{id} has no open extension vote.");
        var now = time.GetUtcNow();
        var key = ExtensionVoters.Key(actor, access, report);
        // Team capacity needs the team's standing on this report, which takes a two-factor session (ReportAccess).
        var isTeam = access.IsTeam && key is { } user && user != Guid.Empty
            && (await ExtensionVoters.TeamAsync(db, report, cancellationToken)).Contains(user);
        if (key is null || (!isReporter && !isTeam))
        {
            throw new ConflictException(
                "Only the program's team members (not recused) and the reporter vote on an extension.");
        }
        if (now >= vote.ClosesAt)
        {
            throw new ConflictException(
                $"The extension vote on report #{id} closed at {DateWords.Moment(vote.ClosesAt)}.");
        }
        if (await db.ExtensionBallots.AnyAsync(b => b.VoteId == vote.Id && b.Voter == key, cancellationToken))
        {
            throw new ConflictException("You have already voted; a ballot cannot be changed.");
        }
        db.ExtensionBallots.Add(new ExtensionBallotEntity
        {
            VoteId = vote.Id,
            Voter = key.Value,
            Capacity = isTeam ? "team" : "reporter",
            InFavour = inFavour,
            CastAt = now
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException("You have already voted; a ballot cannot be changed.");
        }
        var cast = await db.ExtensionBallots.CountAsync(b => b.VoteId == vote.Id, cancellationToken);
        if (cast >= vote.Eligible)
        {
            await CloseExtensionVotes.CloseAsync(db, vote.Id, now, cancellationToken);
        }
    }
}

/// <summary>
/// Closes votes whose time is up (the clock calls this before acting on deadlines). "A majority of votes
/// cast decides": more yes than no approves and moves the publication deadline; a tie or no votes refuses.
/// Closing is claimed by a conditional update, so concurrent instances close a vote once.
/// </summary>
public sealed class CloseExtensionVotes(VigilDbContext db, TimeProvider time)
{
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = await db.ExtensionVotes.AsNoTracking().Where(v => v.Outcome == VoteOutcome.Open && v.ClosesAt <= now)
            .Select(v => v.Id).ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var id in due)
        {
            closed += await CloseAsync(db, id, now, cancellationToken) ? 1 : 0;
        }
        return closed;
    }

    internal static async Task<bool> CloseAsync(VigilDbContext db, long voteId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var owned = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var yes = await db.ExtensionBallots.CountAsync(b => b.VoteId == voteId && b.InFavour, cancellationToken);
        var no = await db.ExtensionBallots.CountAsync(b => b.VoteId == voteId && !b.InFavour, cancellationToken);
        var outcome = yes > no ? VoteOutcome.Approved : VoteOutcome.Refused;
        var claimed = await db.ExtensionVotes
            .Where(v => v.Id == voteId && v.Outcome == VoteOutcome.Open)
            .ExecuteUpdateAsync(s =>
                s.SetProperty(v => v.Outcome, outcome).SetProperty(v => v.ClosedAt, now).SetProperty(v => v.Yes, yes)
                .SetProperty(v => v.No, no), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }
        var vote = await db.ExtensionVotes.AsNoTracking().SingleAsync(v => v.Id == voteId, cancellationToken);
        var report = await db.Reports.SingleAsync(r => r.Id == vote.ReportId, cancellationToken);
        var tally = $"{yes} for, {no} against, {vote.Eligible - yes - no} did not vote (of {vote.Eligible} eligible)";
        if (outcome == VoteOutcome.Approved && ReportStates.IsEmbargoed(report.State))
        {
            report.PublicationDueAt = vote.ProposedDueAt;
            report.Revision++;
            ReportTimelineEvents.Add(db, report, Actor.System, now,
                $"extension approved: {tally}; publication due {DateWords.Moment(vote.ProposedDueAt)}");
        }
        else
        {
            ReportTimelineEvents.Add(db, report, Actor.System, now, $"extension refused: {tally}");
        }
        await db.SaveChangesAsync(cancellationToken);
        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken);
        }
        return true;
    }
}
