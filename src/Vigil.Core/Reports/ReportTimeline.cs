using Vigil.Core.Data;
using Vigil.Core.Errors;

namespace Vigil.Core.Reports;

/// <summary>Moves a report between states and writes the timeline; the one place a state changes.</summary>
internal static class ReportTimeline
{
    public static ReportEventEntity Move(
        VigilDbContext db,
        ReportEntity report,
        Actor actor,
        ReportState to,
        DateTimeOffset at,
        string? detail = null,
        byte[]? sealedText = null)
    {
        if (!ReportStates.CanMove(report.State, to))
        {
            throw new ConflictException(
                $"Report #{report.Id} is {report.State.Name()}; it cannot become {to.Name()} from there.",
                report.State.Name());
        }
        var from = report.State;
        report.State = to;
        report.HeldForReview = false; // any decision on it is the team's review
        report.Revision++;
        return Add(
            db, report, actor, ReportEventKind.StateChanged, at, EventVisibility.Participants, detail, sealedText, from,
            to);
    }

    public static ReportEventEntity Add(
        VigilDbContext db, ReportEntity report, Actor actor, ReportEventKind kind, DateTimeOffset at,
        EventVisibility visibility, string? detail = null, byte[]? sealedText = null, ReportState? from = null,
        ReportState? to = null)
    {
        var entry = new ReportEventEntity
        {
            ReportId = report.Id,
            At = at,
            ActorKind = actor.Kind,
            ActorUserId = actor.Kind == ActorKind.User ? actor.UserId : null,
            Kind = kind,
            FromState = from,
            ToState = to,
            Visibility = visibility,
            Detail = detail,
            SealedText = sealedText,
        };
        db.ReportEvents.Add(entry);
        return entry;
    }
}
