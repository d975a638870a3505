using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Reports;

/// <summary>
/// Withdraws a published report with a reason: the report moves to withdrawn and its advisory gets OSV's
/// <c>withdrawn</c> time, so the APIs stop matching it while its page stays, marked, for those who saw it.
/// </summary>
public sealed class WithdrawReport(VigilDbContext db, TimeProvider time)
{
    public async Task ExecuteAsync(long id, Actor actor, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw new ValidationFailedException("Say why the advisory is withdrawn.",
                new Dictionary<string, string[]>
                {
                    ["reason"] = ["a reason of 1–500 characters is required; it is public."],
                });
        }
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        TeamDecision.Require(access, id);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        ReportTimeline.Move(db, report, actor, ReportState.Withdrawn, now, detail: reason.Trim());
        if (report.AdvisoryId is { } advisoryId)
        {
            var advisory = await db.Advisories.WithRows().SingleAsync(a => a.Id == advisoryId, cancellationToken);
            var vulnerability = OsvJson.Deserialize(advisory.Document);
            vulnerability.Withdrawn = now;
            vulnerability.Modified = now;
            vulnerability.DatabaseSpecific ??= [];
            vulnerability.DatabaseSpecific["withdrawn_reason"] = reason.Trim();
            var document = OsvJson.Serialize(vulnerability);
            db.AdvisoryAliases.RemoveRange(advisory.Aliases);
            db.AffectedPackages.RemoveRange(advisory.Affected);
            db.AdvisoryCwes.RemoveRange(advisory.Cwes);
            AdvisoryRows.Apply(advisory, vulnerability, document);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
