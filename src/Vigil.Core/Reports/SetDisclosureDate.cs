using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Reports;

/// <summary>
/// Records the disclosure date agreed with the maintainers (docs/disclosure.md). It may not pass the
/// publication deadline: going beyond it needs an extension vote (docs/disclosure.md, extension votes). On that date
/// the clock publishes the report if it is fixed.
/// </summary>
public sealed class SetDisclosureDate(VigilDbContext db, TimeProvider time)
{
    public async Task ExecuteAsync(
        long id, Actor actor, DateTimeOffset date, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        TeamDecision.Require(access, id);
        var now = time.GetUtcNow();
        if (!ReportStates.IsEmbargoed(report.State))
        {
            throw new ConflictException(
                $"Report #{id} is {report.State.Name()}; a disclosure date is agreed between acceptance and "
                + "publication.");
        }
        if (date <= now || (report.PublicationDueAt is { } due && date > due))
        {
            throw new ValidationFailedException("The disclosure date is out of range.",
                new Dictionary<string, string[]>
                {
                    ["date"] = [
                        "between now and the publication deadline "
                        + (report.PublicationDueAt is { } limit ? Clock.DateWords.Moment(limit) : "")
                        + "; later needs an extension vote."],
                });
        }
        report.DisclosureAt = date.ToUniversalTime();
        report.Revision++;
        ReportTimeline.Add(
            db, report, actor, ReportEventKind.DisclosureDateSet, now, EventVisibility.Participants,
            detail: Clock.DateWords.Moment(report.DisclosureAt.Value));
        await db.SaveChangesAsync(cancellationToken);
    }
}
