namespace Vigil.Core.Notifications;

/// <summary>The events Vigil notifies about; the strings are the webhook <c>type</c> and the event filter
/// words.</summary>
public static class NotificationEvent
{
    public const string ReportReceived = "report.received";
    public const string TriageDueSoon = "report.triage_due_soon";
    public const string TriageOverdue = "report.triage_overdue";
    public const string NeedsMoreInformation = "report.needs_more_information";
    public const string Accepted = "report.accepted";
    public const string Rejected = "report.rejected";
    public const string MaintainerInvited = "report.maintainer_invited";
    public const string PublicationDueSoon = "report.publication_due_soon";
    public const string Published = "report.published";

    /// <summary>To the maintainers of a report they have not answered, on the program's business days after they were
    /// notified.</summary>
    public const string MaintainerReminder = "report.maintainer_reminder";

    /// <summary>To the program's admins: the maintainers have not answered by the program's escalation day.</summary>
    public const string MaintainersUnresponsive = "report.maintainers_unresponsive";

    /// <summary>
    /// To the sender of a report that came by e-mail: received, with its number and link. Never sent to webhooks.
    /// </summary>
    public const string Acknowledged = "report.acknowledged";

    /// <summary>To the team: an invited maintainer disputes the report (not affected); the team decides.</summary>
    public const string DisputeOpened = "report.dispute_opened";

    /// <summary>To the maintainers and the reporter: the team accepted or rejected a dispute.</summary>
    public const string DisputeDecided = "report.dispute_decided";

    public static IReadOnlyList<string> All { get; } =
        [
            ReportReceived, TriageDueSoon, TriageOverdue, NeedsMoreInformation, Accepted, Rejected, MaintainerInvited,
            PublicationDueSoon, Published, MaintainerReminder, MaintainersUnresponsive, DisputeOpened, DisputeDecided,
        ];
}
