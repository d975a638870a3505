using System.Globalization;
using Vigil.Core.Reports;

namespace Vigil.Web.Pages.Reports;

/// <summary>
/// A report's state, timeline and deadline in words for people: "Fix in progress", "Moved to Fixed",
/// "Triage due Wednesday 9 December 2026, 14:00 UTC · 1 business day 4 hours left". The machine names
/// stay in <c>data-state</c> attributes and the API.
/// </summary>
public static class ReportWords
{
    /// <summary>The steps of the process, as the progress line shows them.</summary>
    public static readonly IReadOnlyList<string> Steps = ["Reported", "Triaged", "Maintainers", "Fixed", "Published"];

    public static string State(string state) => state switch
    {
        "new" => "New",
        "needs-more-information" => "Needs more information",
        "rejected" => "Rejected",
        "accepted" => "Accepted",
        "maintainers-notified" => "Maintainers notified",
        "fix-in-progress" => "Fix in progress",
        "fixed" => "Fixed",
        "published" => "Published",
        "withdrawn" => "Withdrawn",
        "not-affected" => "Not affected",
        _ => state,
    };

    /// <summary>
    /// The step of <see cref="Steps"/> the report is at, or null when it left the process (rejected, withdrawn, not
    /// affected).
    /// </summary>
    public static int? Step(string state) => state switch
    {
        "new" or "needs-more-information" => 0,
        "accepted" => 1,
        "maintainers-notified" or "fix-in-progress" => 2,
        "fixed" => 3,
        "published" => 4,
        _ => null,
    };

    /// <summary>What a timeline entry records, in words.</summary>
    public static string Event(TimelineEntry entry) => entry.Kind switch
    {
        nameof(ReportEventKind.Submitted) => "Reported",
        nameof(ReportEventKind.StateChanged) => entry.ToState is { } to ? $"Moved to {State(to)}" : "State changed",
        nameof(ReportEventKind.Comment) => "Comment",
        nameof(ReportEventKind.InternalNote) => "Team note",
        nameof(ReportEventKind.Assigned) => "Assigned",
        nameof(ReportEventKind.MaintainerInvited) => "Maintainer invited",
        nameof(ReportEventKind.DisclosureDateSet) => "Disclosure date set",
        nameof(ReportEventKind.Reminder) => "Reminder sent",
        nameof(ReportEventKind.Escalated) => "Escalated",
        nameof(ReportEventKind.Flagged) => "Flagged for the team",
        nameof(ReportEventKind.Extension) => "Extension vote",
        nameof(ReportEventKind.Cve) => "CVE",
        nameof(ReportEventKind.Attachment) => "Attachment",
        nameof(ReportEventKind.InvitationAccepted) => "Invitation accepted",
        nameof(ReportEventKind.CreditsSet) => "Credits set",
        nameof(ReportEventKind.CreditDeclined) => "Credit declined",
        nameof(ReportEventKind.ReleasedFromReview) => "Released from review",
        nameof(ReportEventKind.CreditMadeAnonymous) => "Credit made anonymous",
        nameof(ReportEventKind.ParticipantRemoved) => "Participant removed",
        nameof(ReportEventKind.InvitationRevoked) => "Invitation revoked",
        nameof(ReportEventKind.RangeNarrowed) => "Affected range narrowed",
        nameof(ReportEventKind.AdvisoryCorrected) => "Advisory corrected",
        nameof(ReportEventKind.Grouped) => "Grouped with possible duplicates",
        nameof(ReportEventKind.DuplicatesMerged) => "Duplicates merged",
        nameof(ReportEventKind.DisputeOpened) => "Disputed: not affected",
        nameof(ReportEventKind.DisputeDecided) => "Dispute decided",
        nameof(ReportEventKind.VexPublished) => "VEX document published",
        _ => entry.Kind,
    };

    /// <summary>A participant's part in words.</summary>
    public static string Part(string part) => part switch
    {
        "reporter" => "Reporter",
        "filer" => "Filed it for the reporter",
        "maintainer" => "Maintainer",
        "team" => "Triage team",
        _ => part,
    };

    /// <summary>How far a participant got, in words.</summary>
    public static string ParticipantState(string state) => state switch
    {
        "anonymous" => "Anonymous, with a follow-up token",
        "account" => "Signed in",
        "invited" => "Invited, link not used yet",
        "expired" => "Invitation expired",
        "accepted" => "Accepted the invitation",
        "added" => "Added by account",
        "acted" => "Took part",
        _ => state,
    };

    /// <summary>A day as people read it: "Wednesday 9 December 2026".</summary>
    public static string Day(DateTimeOffset at) => Core.Clock.DateWords.Day(at);

    /// <summary>A moment as people read it: "Wednesday 9 December 2026, 14:00 UTC".</summary>
    public static string Moment(DateTimeOffset at) => Core.Clock.DateWords.Moment(at);

    /// <summary>
    /// The deadline in words: what is due, when, and how long is left — in business days and hours for
    /// triage (counted on the program's calendar), in days and hours otherwise; in business days for every deadline
    /// when <paramref name="businessDays"/> (the remaining time was counted on the program's calendar).
    /// </summary>
    public static string Due(Countdown countdown, bool businessDays = false)
    {
        var what = countdown.Deadline switch
        {
            "triage" => "Triage",
            "publication" => "Publication",
            "disclosure" => "Disclosure",
            _ => countdown.Deadline,
        };
        var unit = businessDays || countdown.Deadline == "triage" ? "business day" : "day";
        var left = countdown.Remaining < TimeSpan.Zero
            ? $"overdue by {Span(-countdown.Remaining, businessDays ? "business day" : "day")}"
            : $"{Span(countdown.Remaining, unit)} left";
        return $"{what} due {Moment(countdown.DueAt)} · {left}";
    }

    private static string Span(TimeSpan span, string unit)
    {
        var days = (int)span.TotalDays;
        var hours = span.Hours;
        var parts = new List<string>();
        if (days > 0)
        {
            parts.Add($"{days} {unit}{(days == 1 ? "" : "s")}");
        }
        if (hours > 0 && days < 7)
        {
            parts.Add($"{hours} hour{(hours == 1 ? "" : "s")}");
        }
        return parts.Count > 0 ? string.Join(" ", parts) : "less than an hour";
    }
}
