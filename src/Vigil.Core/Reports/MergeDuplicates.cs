using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Reports;

/// <summary>What a merge did: the report that stands (and is credited) and the reports closed as its
/// duplicates.</summary>
public sealed record MergedDuplicates(long CanonicalId, IReadOnlyList<long> Merged);

/// <summary>
/// One action for a group of possible duplicates (<see cref="DuplicateGroups"/>): the report named stands, and the
/// members of its group still awaiting triage (all of them, or those chosen) are rejected as its duplicates at once;
/// each of their reporters is told, and told again when the standing report is published (<see cref="PublishReport"/>).
/// Credit goes to the first valid report (docs/disclosure.md): the standing report must be valid (neither rejected nor
/// withdrawn) and no member merged into it may be older. All or nothing: a member the caller may not decide on
/// (four-eyes) stops the merge.
/// </summary>
public sealed class MergeDuplicates(VigilDbContext db, ReportVault vault, TimeProvider time, IReportNotifier notifier)
{
    public async Task<MergedDuplicates> ExecuteAsync(long id, Actor actor, IReadOnlyList<long>? members, string? note,
        CancellationToken cancellationToken = default)
    {
        var (standing, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        TeamDecision.Require(access, id);
        if (standing.State is ReportState.Rejected or ReportState.Withdrawn)
        {
            throw new ConflictException(
                $"Report #{id} is {standing.State.Name()}; duplicates are merged into a valid report.",
                standing.State.Name());
        }
        var groupId = standing.DuplicateGroupId ?? standing.Id;
        var awaiting = await db.Reports
            .Where(r => r.ProgramId == standing.ProgramId && r.Id != standing.Id
                && (r.Id == groupId || r.DuplicateGroupId == groupId)
                && (r.State == ReportState.New || r.State == ReportState.NeedsMoreInformation))
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var chosen = Choose(standing, awaiting, members);
        if (chosen.Count == 0)
        {
            throw new ConflictException(
                $"No later report of the group of #{groupId} awaits triage; nothing to merge into #{id}.");
        }
        foreach (var report in chosen)
        {
            TeamDecision.Require(await ReportAccess.ResolveAsync(db, report, actor, cancellationToken), report.Id);
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var report in chosen)
        {
            if (report.State == ReportState.NeedsMoreInformation)
            {
                ReportTimeline.Move(db, report, actor, ReportState.New, now, detail: "merged");
            }
            var text = string.IsNullOrWhiteSpace(note)
                ? null
                : ReportVault.Seal(vault.Unwrap(report.WrappedKey), note, ReportContent.EventPurpose);
            ReportTimeline.Move(
                db, report, actor, ReportState.Rejected, now, detail: $"duplicate of #{standing.Id}", sealedText: text);
            report.TriagedAt = now;
            report.RejectionReason = RejectionReason.Duplicate;
            report.DuplicateOfId = standing.Id;
            var content = ReportContent.Open(vault.Unwrap(report.WrappedKey), report.SealedContent);
            await notifier.QueueAsync(
                report, Notifications.NotificationEvent.Rejected, Audience.Reporter, content, null, cancellationToken);
        }
        ReportTimeline.Add(db, standing, actor, ReportEventKind.DuplicatesMerged, now, EventVisibility.Team,
            string.Join(", ", chosen.Select(r => $"#{r.Id}")));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new MergedDuplicates(standing.Id, chosen.Select(r => r.Id).ToList());
    }

    /// <summary>The members to merge: the ones named, each checked, or every later member awaiting triage.</summary>
    private static List<ReportEntity> Choose(
        ReportEntity standing, List<ReportEntity> awaiting, IReadOnlyList<long>? members)
    {
        bool Later(ReportEntity r) => (r.SubmittedAt, r.Id).CompareTo((standing.SubmittedAt, standing.Id)) > 0;
        if (members is null)
        {
            return awaiting.Where(Later).ToList();
        }
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < members.Count; i++)
        {
            var member = awaiting.FirstOrDefault(r => r.Id == members[i]);
            if (member is null)
            {
                errors[$"members[{i}]"] = [$"#{members[i]} is not another report of this group awaiting triage."];
            }
            else if (!Later(member))
            {
                errors[$"members[{i}]"] = [
                    $"#{members[i]} came before #{standing.Id}: the first valid report stands, so merge into "
                    + $"#{members[i]}."];
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException("Some reports named cannot be merged.", errors);
        }
        return awaiting.Where(r => members.Contains(r.Id)).ToList();
    }
}
