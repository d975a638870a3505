using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Core.Reputation;

/// <summary>What intake decided for a new report: join the queue, or wait for the team's review, and why.</summary>
public sealed record IntakeDecision(bool HeldForReview, string? Reason)
{
    public static readonly IntakeDecision Queue = new(false, null);
}

/// <summary>
/// Reputation at intake (docs/community.md). A new reporter (fewer than <see cref="ProgramPolicy.NewReporterOutcomes"/>
/// reports with an outcome, anywhere on this instance) may submit at most the program's
/// <see cref="ProgramEntity.NewReporterReportsPerDay"/> reports to it per 24 hours (429 beyond). With a
/// <see cref="ProgramEntity.MinimumSignal"/>, a report whose reporter has a lower signal, none yet, or no
/// account is held for review. The program's own team is never limited or held.
/// </summary>
public sealed class ReportIntakeGate(VigilDbContext db, ReporterReputation reputations)
{
    public async Task<IntakeDecision> CheckAsync(
        ProgramEntity program, Guid? reporter, bool byTeam, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (byTeam)
        {
            return IntakeDecision.Queue;
        }
        if (reporter is not { } user)
        {
            return program.MinimumSignal is null ? IntakeDecision.Queue : new IntakeDecision(true, "anonymous report");
        }
        var reputation = await reputations.ComputeAsync(user, includePending: true, cancellationToken);
        // Reports includes the pending ones here
        if (program.NewReporterReportsPerDay > 0 && reputation.Reports < ProgramPolicy.NewReporterOutcomes)
        {
            await CheckDailyLimitAsync(program, user, now, cancellationToken);
        }
        if (program.MinimumSignal is not { } minimum)
        {
            return IntakeDecision.Queue;
        }
        return reputation.Signal switch
        {
            null => new IntakeDecision(true, "no signal yet"),
            { } signal when signal < minimum => new IntakeDecision(true, $"signal {signal:0.##} below {minimum:0.##}"),
            _ => IntakeDecision.Queue,
        };
    }

    private async Task CheckDailyLimitAsync(
        ProgramEntity program, Guid user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-1);
        // Instants are stored as ticks; the few recent submissions of one reporter are filtered here, alike on both
        // providers.
        var recent = (await db.Reports.AsNoTracking()
                .Where(r => r.ProgramId == program.Id && r.ReporterUserId == user)
                .OrderByDescending(r => r.Id).Take(1000)
                .Select(r => r.SubmittedAt)
                .ToListAsync(cancellationToken))
            .Where(at => at > since)
            .Order()
            .ToList();
        if (recent.Count >= program.NewReporterReportsPerDay)
        {
            var retryAt = recent[recent.Count - program.NewReporterReportsPerDay].AddDays(1);
            throw new TooManyRequestsException(
                $"New reporters may submit {program.NewReporterReportsPerDay} reports a day to {program.Name}; you can "
                + $"submit the next one at {retryAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC. "
                + $"The limit lifts once {ProgramPolicy.NewReporterOutcomes} of your reports have an outcome.",
                retryAt);
        }
    }
}
