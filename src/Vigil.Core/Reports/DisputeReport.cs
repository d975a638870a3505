using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Vex;

namespace Vigil.Core.Reports;

/// <param name="Justification">One of the VEX labels (<c>vulnerable_code_not_in_execute_path</c>).</param>
/// <param name="Versions">Optional: the versions covered per package name, comma-separated.</param>
public sealed record DisputeInput(
    string? Justification, string? ImpactStatement, IReadOnlyDictionary<string, string>? Versions = null);

/// <summary>
/// An invited maintainer answers "not affected" (docs/disclosure.md, "Disputes"): a VEX justification, an impact
/// statement and optionally the versions it covers. It is recorded on the report and its timeline, and the team is
/// told (no report text in the e-mail); the team then accepts or rejects it (<see cref="DecideDispute"/>). One dispute
/// waits for the team at a time.
/// </summary>
public sealed class DisputeReport(VigilDbContext db, ReportVault vault, TimeProvider time, IReportNotifier notifier)
{
    public async Task<long> ExecuteAsync(
        long id, Actor actor, DisputeInput input, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        if (access.Role != ReportRole.Maintainer || actor.UserId is not { } maintainer)
        {
            throw new ConflictException(
                $"Only a maintainer invited into report #{id} can dispute it; the team decides on disputes.");
        }
        if (!ReportDisputes.CanOpen(report.State))
        {
            throw new ConflictException(
                $"Report #{id} is {report.State.Name()}: a dispute answers an accepted or published report.",
                report.State.Name());
        }
        var errors = new Dictionary<string, string[]>();
        if (!VexJustifications.TryParse(input.Justification, out var justification))
        {
            errors["justification"] = [$"'{input.Justification}' is not a VEX justification: one of "
                + $"{string.Join(", ", VexJustifications.All.Select(j => j.Name()))}."];
        }
        var statement = ReportDisputes.Statement(input.ImpactStatement, "impactStatement", required: true, errors);
        var versions = ReportDisputes.Versions(report, input.Versions, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException("The dispute is incomplete or invalid.", errors);
        }
        if (await db.ReportDisputes.AnyAsync(
            d => d.ReportId == id && d.State == DisputeState.Pending, cancellationToken))
        {
            throw new ConflictException(
                $"A dispute of report #{id} is waiting for the team's decision; comment on it instead.",
                report.State.Name());
        }
        var dataKey = vault.Unwrap(report.WrappedKey);
        var now = time.GetUtcNow();
        var dispute = new ReportDisputeEntity
        {
            ReportId = id,
            OpenedBy = maintainer,
            OpenedAt = now,
            Justification = justification,
            SealedImpactStatement = ReportVault.Seal(dataKey, statement!, ReportDisputes.StatementPurpose),
            Versions = versions is null ? null : JsonSerializer.Serialize(versions),
        };
        db.ReportDisputes.Add(dispute);
        // A change of the report's course: two maintainers disputing at once cannot both leave a dispute waiting.
        report.Revision++;
        ReportTimeline.Add(db, report, actor, ReportEventKind.DisputeOpened, now, EventVisibility.Participants,
            $"not affected: {justification.Name()}, "
            + ReportDisputes.Count(ReportDisputes.ReadVersions(dispute.Versions)),
            ReportVault.Seal(dataKey, statement!, ReportContent.EventPurpose));
        await notifier.QueueAsync(
            report, Notifications.NotificationEvent.DisputeOpened, Audience.Team, null, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return dispute.Id;
    }
}
