using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Bounties;

/// <param name="FixerUserId">The maintainer who fixes: an account invited to the report; required with a fixer
/// amount.</param>
public sealed record AwardInput(
    string? Severity,
    decimal? FinderAmount,
    decimal? FixerAmount = null,
    Guid? FixerUserId = null,
    string? Reason = null);

/// <summary>
/// The team awards the bounty on a report (docs/bounties.md): one award per report, split between the finder
/// (the reporter) and, if the table pays fixers, the maintainer who fixed. A total outside the table's range
/// for the severity needs a reason. Until a share is paid the award can be amended or cancelled. Each move
/// is an internal (team-only) timeline event: amounts are never shown to other participants there.
/// </summary>
public sealed class AwardBounty(VigilDbContext db, ReportVault vault, TimeProvider time)
{
    public const int MaxReasonLength = 2000;

    private static readonly ReportState[] AwardableStates =
        [
            ReportState.Accepted, ReportState.MaintainersNotified, ReportState.FixInProgress, ReportState.Fixed,
            ReportState.Published
        ];

    /// <summary>Awards, or amends the award already made (kept: a recipient's decline and public opt-in when they stay
    /// the recipient).</summary>
    public async Task<BountyAwardEntity> ExecuteAsync(
        long reportId, Actor actor, AwardInput input, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, reportId, actor, cancellationToken);
        TeamDecision.Require(access, reportId);
        if (!AwardableStates.Contains(report.State))
        {
            throw new ConflictException(
                $"Report #{reportId} is {report.State.Name()}; a bounty is awarded on an accepted, fixed or published "
                + "report.");
        }
        var table = await db.Set<BountyTableEntity>()
            .AsNoTracking()
            .Include(t => t.Ranges)
            .SingleOrDefaultAsync(t => t.ProgramId == report.ProgramId, cancellationToken)
            ?? throw new ConflictException("The program has no bounty table: a program admin sets one first.");
        await ValidateAsync(report, table, input, cancellationToken);

        var award = await db.Set<BountyAwardEntity>()
            .Include(a => a.Payments)
            .SingleOrDefaultAsync(a => a.ReportId == reportId, cancellationToken);
        var amended = award is not null;
        if (award is null)
        {
            award = new BountyAwardEntity
            {
                ReportId = reportId,
                ProgramId = report.ProgramId,
                Currency = table.Currency,
                Severity = input.Severity!,
            };
            db.Add(award);
        }
        else if (award.Payments.Any(p => p.State == BountyPaymentState.Paid))
        {
            throw new ConflictException(
                $"The bounty on report #{reportId} is already paid (in part); it cannot be amended.");
        }
        var now = time.GetUtcNow();
        award.Currency = table.Currency;
        award.Severity = input.Severity!;
        award.Reason = BountyReason.Seal(
            vault, report.WrappedKey, string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim());
        award.AwardedAt = now;
        award.AwardedBy = actor.UserId;
        award.Revision++;
        SetShare(award, BountyRecipient.Finder, report.ReporterUserId, input.FinderAmount ?? 0);
        SetShare(award, BountyRecipient.Fixer, input.FixerUserId, input.FixerAmount ?? 0);
        report.Revision++;
        ReportTimeline.Add(db, report, actor, ReportEventKind.InternalNote, now, EventVisibility.Team,
            detail: $"bounty {(amended ? "amended" : "awarded")}: {input.Severity}, finder "
                + $"{BountyPolicySummary.Amount(input.FinderAmount ?? 0)}"
                + (input.FixerAmount > 0 ? $", fixer {BountyPolicySummary.Amount(input.FixerAmount.Value)}" : "")
                + $" {table.Currency}");
        await db.SaveChangesAsync(cancellationToken);
        return award;
    }

    /// <summary>The team cancels an award nothing of which is paid yet; the internal timeline keeps the
    /// record.</summary>
    public async Task CancelAsync(long reportId, Actor actor, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, reportId, actor, cancellationToken);
        TeamDecision.Require(access, reportId);
        var award = await db.Set<BountyAwardEntity>()
            .Include(a => a.Payments)
            .SingleOrDefaultAsync(a => a.ReportId == reportId, cancellationToken)
            ?? throw new NotFoundException($"Report #{reportId} has no bounty.");
        if (award.Payments.Any(p => p.State == BountyPaymentState.Paid))
        {
            throw new ConflictException(
                $"The bounty on report #{reportId} is already paid (in part); it cannot be cancelled.");
        }
        db.Remove(award);
        report.Revision++;
        ReportTimeline.Add(
            db, report, actor, ReportEventKind.InternalNote, time.GetUtcNow(), EventVisibility.Team,
            detail: "bounty cancelled");
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void SetShare(BountyAwardEntity award, BountyRecipient recipient, Guid? userId, decimal amount)
    {
        var share = award.Payments.SingleOrDefault(p => p.Recipient == recipient);
        if (amount <= 0)
        {
            if (share is not null)
            {
                award.Payments.Remove(share);
            }
            return;
        }
        if (share is null || share.UserId != userId)
        {
            if (share is not null)
            {
                award.Payments.Remove(share);
            }
            share = new BountyPaymentEntity { Recipient = recipient, UserId = userId };
            award.Payments.Add(share);
        }
        share.Amount = amount;
    }

    private async Task ValidateAsync(
        ReportEntity report, BountyTableEntity table, AwardInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var range = table.Ranges.SingleOrDefault(r => r.Severity == input.Severity);
        if (range is null)
        {
            errors["severity"] = [
                $"'{input.Severity}' is not a severity of the program's bounty table "
                + $"({string.Join(", ", table.Ranges.Select(r => r.Severity))})."];
        }
        if (input.FinderAmount is not { } finder || finder < 0 || finder > BountyTableInput.MaxAmount)
        {
            errors["finderAmount"] = [$"a non-negative amount up to {BountyTableInput.MaxAmount}."];
        }
        var fixer = input.FixerAmount ?? 0;
        if (fixer < 0 || fixer > BountyTableInput.MaxAmount)
        {
            errors["fixerAmount"] = [$"a non-negative amount up to {BountyTableInput.MaxAmount}."];
        }
        else if (fixer > 0 && !table.PaysFixer)
        {
            errors["fixerAmount"] = ["the program's bounty table pays the finder only."];
        }
        else if (fixer > 0 && (input.FixerUserId is not { } fixerId
            || !await db.ReportParticipants.AnyAsync(
                p => p.ReportId == report.Id && p.UserId == fixerId, cancellationToken)))
        {
            errors["fixerUserId"] = ["the fixer is a maintainer invited to this report (their account id)."];
        }
        var total = (input.FinderAmount ?? 0) + fixer;
        if (errors.Count == 0 && total <= 0)
        {
            errors["finderAmount"] = ["the award is more than zero."];
        }
        if (input.Reason?.Length > MaxReasonLength)
        {
            errors["reason"] = [$"at most {MaxReasonLength} characters."];
        }
        else if (range is not null && (total < range.Min || total > range.Max)
            && string.IsNullOrWhiteSpace(input.Reason))
        {
            errors["reason"] = [
                $"the total {BountyPolicySummary.Amount(total)} {table.Currency} is outside the table's "
                + $"{range.Severity} range "
                + $"({BountyPolicySummary.Amount(range.Min)}–{BountyPolicySummary.Amount(range.Max)}); say why."];
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors.First().Key + ": " + errors.First().Value[0], errors);
        }
    }
}
