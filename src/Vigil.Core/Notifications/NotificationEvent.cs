namespace Vigil.Core.Notifications;

/// <summary>The events Vigil notifies about; the strings are the webhook <c>type</c> and the event filter words.</summary>
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

    public static IReadOnlyList<string> All { get; } =
        [ReportReceived, TriageDueSoon, TriageOverdue, NeedsMoreInformation, Accepted, Rejected, MaintainerInvited, PublicationDueSoon, Published];
}
